package io.turnout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@code deploy/local/}: the compose file runs the agent image against an emulator on a private
 * network, and the infrastructure script is valid bash that refuses to touch real AWS by
 * default. The script itself was run against a moto server by hand (see deploy/README.md):
 * tests here use no network.
 */
class LocalTrialTest {
    static final Path COMPOSE = DeployFiles.deploy("local/compose.yaml");
    static final Path SCRIPT = DeployFiles.deploy("local/create-example-infra.sh");

    @SuppressWarnings("unchecked")
    static Map<String, Object> compose() {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(DeployFiles.read(COMPOSE));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> service(String name) {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertTrue(services.containsKey(name), "no service " + name + " in " + COMPOSE);
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> environment(String service) {
        return (Map<String, Object>) service(service).get("environment");
    }

    @Test
    @SuppressWarnings("unchecked")
    void agentRunsTheImageOfTheDockerfileOnPort8080() {
        Map<String, Object> turnout = service("turnout");
        assertTrue(String.valueOf(turnout.get("image")).contains("turnout"), "image: " + turnout.get("image"));
        Map<String, Object> build = (Map<String, Object>) turnout.get("build");
        Path context = COMPOSE.getParent().resolve(String.valueOf(build.get("context"))).normalize();
        assertEquals(DeployFiles.repositoryRoot(), context, "build context is the repository root");
        assertEquals(Dockerfile.PATH, context.resolve(String.valueOf(build.get("dockerfile"))));
        assertEquals(List.of("127.0.0.1:8080:8080"), turnout.get("ports"), "the API on loopback, container port 8080");
        assertEquals(Dockerfile.read().image().last("EXPOSE").orElseThrow().arguments(), "8080");
        String volumes = String.valueOf(turnout.get("volumes"));
        assertTrue(volumes.contains(":" + Dockerfile.read().image().last("VOLUME").orElseThrow().execForm().getFirst()),
                "the image's data volume is kept in a named volume: " + volumes);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everythingTalksToTheEmulatorOnThePrivateNetwork() {
        Map<String, Object> emulator = service("emulator");
        assertTrue(String.valueOf(emulator.get("image")).contains("motoserver/moto"), "emulator image: " + emulator.get("image"));
        assertEquals("222222222222", ((Map<String, Object>) emulator.get("environment")).get("MOTO_ACCOUNT_ID"),
                "the account of specs-example's production environment, for its account guard");
        for (String name : List.of("turnout", "infra")) {
            String endpoint = String.valueOf(environment(name).get("AWS_ENDPOINT_URL"));
            URI uri = URI.create(endpoint.replaceAll("^\\$\\{[A-Z_]+:-(.*)}$", "$1"));
            assertEquals("emulator", uri.getHost(), name + " must call the emulator, not AWS: " + endpoint);
            assertEquals("test", environment(name).get("AWS_ACCESS_KEY_ID"), name + " uses dummy credentials");
        }
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        services.forEach((name, s) -> assertEquals(List.of("private"), ((Map<String, Object>) s).get("networks"), name));
        assertTrue(((Map<String, Object>) compose().get("networks")).containsKey("private"));
        for (Object port : (List<Object>) emulator.get("ports")) {
            assertTrue(String.valueOf(port).startsWith("127.0.0.1:"), "published on loopback only: " + port);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void infrastructureIsCreatedBeforeTheAgentStarts() {
        assertTrue(String.valueOf(service("infra").get("volumes")).contains("./create-example-infra.sh:"));
        assertTrue(String.valueOf(service("infra").get("entrypoint")).contains("create-example-infra.sh"));
        Map<String, Object> dependsOn = (Map<String, Object>) service("turnout").get("depends_on");
        assertEquals(Map.of("condition", "service_completed_successfully"), dependsOn.get("infra"));
        assertEquals(Map.of("condition", "service_completed_successfully"), dependsOn.get("specs"));
        assertTrue(String.valueOf(environment("turnout").get("TURNOUT_AGENT_REPOSITORIES_SPECS_URL")).startsWith("file:///git/"),
                "the agent polls the repository the specs service creates");
    }

    @Test
    void scriptIsStrictBashThatNamesTheExampleInfrastructure() throws IOException {
        String script = DeployFiles.read(SCRIPT);
        assertTrue(script.startsWith("#!/usr/bin/env bash\n"));
        assertTrue(script.contains("\nset -euo pipefail\n"));
        assertTrue(Files.isExecutable(SCRIPT), SCRIPT + " should be executable");
        for (String name : List.of("shop-alb", "web-a", "web-b", "api-a", "api-b", "internal.shop.example.", "svc.shop.local",
                "catalog-a", "catalog-b", "--priority 10", "PrivateZone=true")) {
            assertTrue(script.contains(name), "the script does not create " + name);
        }
        Assumptions.assumeTrue(bash() != null, "bash is not installed");
        Result syntax = run(List.of(bash(), "-n", SCRIPT.toString()), Map.of());
        assertEquals(0, syntax.exit(), "bash -n: " + syntax.output());
    }

    /** Without AWS_ENDPOINT_URL the script stops before its first AWS call. */
    @Test
    void scriptRefusesRealAwsUnlessAskedTo() throws IOException {
        Assumptions.assumeTrue(bash() != null, "bash is not installed");
        Result refused = run(List.of(bash(), SCRIPT.toString()), Map.of("PATH", "/usr/bin:/bin"));
        assertEquals(1, refused.exit(), refused.output());
        assertTrue(refused.output().contains("AWS_ENDPOINT_URL is not set: refusing"), refused.output());
    }

    record Result(int exit, String output) {}

    static String bash() {
        for (String candidate : List.of("/bin/bash", "/usr/bin/bash")) {
            if (Files.isExecutable(Path.of(candidate))) return candidate;
        }
        return null;
    }

    static Result run(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(environment);
        Process p = pb.start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish in 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
