package io.turnout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.turnout.spec.AwsEngine;
import io.turnout.spec.AwsTarget;
import io.turnout.spec.BlueGreen;
import io.turnout.spec.EffectiveService;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SpecTree;
import io.turnout.spec.TaskCheck;
import io.turnout.spec.Verification;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.databind.JsonNode;

/**
 * {@code deploy/local/}: the compose file runs the agent image against an emulator on a private
 * network, the infrastructure script is valid bash that refuses to touch real AWS by default,
 * and the trial's spec repository ({@code trial-specs.sh}) sends the network ids the script
 * created, not {@code specs-example}'s made-up ones. The scripts themselves were run against a
 * moto server by hand (see deploy/README.md): tests here use no network.
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

    /**
     * The ids the infrastructure script creates a counterpart of ({@code trial-specs.sh ids}) are
     * exactly those specs-example sends to ECS; the trial's specs, written from a map of them to
     * new ids, load as valid specs in which every service of every environment sends the new ids
     * in place of the old (same order), no file names an old one, and specs-example is unchanged.
     */
    @Test
    void theTrialSpecsSendTheIdsTheScriptCreated(@TempDir Path dir) throws IOException {
        Assumptions.assumeTrue(TrialSpecs.sh() != null, "sh is not installed");
        Map<String, TrialSpecs.Network> example = TrialSpecs.networks(TrialSpecs.load(TrialSpecs.EXAMPLE));
        Set<String> sent = new TreeSet<>();
        example.values().forEach(n -> sent.addAll(n.all()));
        Result ids = TrialSpecs.run(Map.of(), "ids", TrialSpecs.EXAMPLE.toString());
        TrialSpecs.assertExit(0, ids);
        assertEquals(sent, new TreeSet<>(List.of(ids.output().strip().split("\n"))),
                "the script creates a counterpart of each id specs-example sends, and of nothing else");

        Map<String, String> created = createdIds(sent);
        Path networkIds = dir.resolve("network-ids");
        TrialSpecs.writeNetworkIds(networkIds, created);
        Map<Path, String> before = TrialSpecs.files(TrialSpecs.EXAMPLE);
        Path out = dir.resolve("specs");
        TrialSpecs.assertExit(0, TrialSpecs.run(Map.of(), "write", TrialSpecs.EXAMPLE.toString(), networkIds.toString(),
                out.toString()));

        Map<String, TrialSpecs.Network> trial = TrialSpecs.networks(TrialSpecs.load(out));
        // moto cannot run the services of AWS's own engines (no ECS service deployments, no CodeDeploy to follow)
        Set<String> engines = new TreeSet<>(TrialSpecs.load(TrialSpecs.EXAMPLE).services().stream()
                .filter(s -> s.strategy() instanceof AwsEngine).map(s -> s.name()).toList());
        assertEquals(Set.of("checkout", "payments"), engines);
        Set<String> kept = new TreeSet<>(example.keySet().stream()
                .filter(k -> !engines.contains(k.substring(k.indexOf('/') + 1))).toList());
        assertEquals(kept, trial.keySet(), "the same services in the same environments, but those of AWS's engines");
        kept.forEach(service -> assertEquals(example.get(service).mapped(created), trial.get(service), service));
        TrialSpecs.files(out).forEach((file, text) -> sent.forEach(old ->
                assertFalse(text.contains(old), file + " still names " + old)));
        assertEquals(before, TrialSpecs.files(TrialSpecs.EXAMPLE), "specs-example must not change");
    }

    /**
     * What else the trial's specs set for moto, and nothing that changes the deployment on AWS:
     * the verification task's container gets its task's memory, the steady-state wait is short.
     */
    @Test
    void theTrialSpecsGiveMotoWhatItNeeds(@TempDir Path dir) throws IOException {
        Assumptions.assumeTrue(TrialSpecs.sh() != null, "sh is not installed");
        SpecTree trial = writeTrialSpecs(dir, Map.of());
        for (EnvironmentSpec environment : trial.environments()) {
            assertEquals(Duration.ofMinutes(2), environment.deployment().steadyStateTimeout(), environment.name());
            for (EffectiveService service : trial.servicesIn(environment)) {
                if (!(service.strategy() instanceof BlueGreen bg)) continue;
                Optional<TaskCheck> task = bg.verification().orElse(environment.deployment().verification()).task();
                if (task.isEmpty()) continue;
                JsonNode container = container(service.taskDefinition(), task.get().container());
                assertTrue(container.path("memory").asInt() > 0, service.name() + " in " + environment.name()
                        + ": moto's RunTask needs container memory: " + container);
                assertEquals(service.taskDefinition().path("memory").asInt(), container.path("memory").asInt(),
                        "the container may use its task's memory, as it may on Fargate without a limit of its own");
            }
        }
    }

    /** TRIAL_TASKS=N: every service asks for N tasks and verification keeps only what moto can pass. */
    @Test
    void trialTasksLetDeploymentsThroughOnMoto(@TempDir Path dir) throws IOException {
        Assumptions.assumeTrue(TrialSpecs.sh() != null, "sh is not installed");
        SpecTree trial = writeTrialSpecs(dir, Map.of("TRIAL_TASKS", "2"));
        for (EnvironmentSpec environment : trial.environments()) {
            for (EffectiveService service : trial.servicesIn(environment)) {
                String where = service.name() + " in " + environment.name();
                assertEquals(2, service.service().path("desiredCount").asInt(), where);
                if (!(service.strategy() instanceof BlueGreen bg)) continue;
                Verification v = bg.verification().orElse(environment.deployment().verification());
                assertFalse(v.healthyTargets(), where + ": moto registers no targets");
                assertEquals(List.of(), v.httpChecks(), where + ": moto's load balancer routes nothing");
                assertEquals(Optional.empty(), v.task(), where + ": moto's tasks never stop");
                bg.autoScaling().ifPresent(a -> assertEquals(2, a.minCapacity(), where));
            }
        }
    }

    @Test
    void aSpecIdWithoutCounterpartIsRefused(@TempDir Path dir) throws IOException {
        Assumptions.assumeTrue(TrialSpecs.sh() != null, "sh is not installed");
        Map<String, String> created = new TreeMap<>(createdIds(idsOfExample()));
        String forgotten = created.keySet().iterator().next();
        created.remove(forgotten);
        Path networkIds = dir.resolve("network-ids");
        TrialSpecs.writeNetworkIds(networkIds, created);
        Result refused = TrialSpecs.run(Map.of(), "write", TrialSpecs.EXAMPLE.toString(), networkIds.toString(),
                dir.resolve("specs").toString());
        TrialSpecs.assertExit(1, refused);
        assertTrue(refused.output().contains("no counterpart in " + networkIds + " for: " + forgotten), refused.output());
    }

    /** OUT's content is replaced only when trial-specs.sh wrote it: a folder of something else is left as it was. */
    @Test
    void aFolderTheScriptDidNotWriteIsLeftAlone(@TempDir Path dir) throws IOException {
        Assumptions.assumeTrue(TrialSpecs.sh() != null, "sh is not installed");
        Path networkIds = dir.resolve("network-ids");
        TrialSpecs.writeNetworkIds(networkIds, createdIds(idsOfExample()));
        Path precious = Files.createDirectories(dir.resolve("precious"));
        Files.writeString(precious.resolve("notes.txt"), "mine");
        Result refused = TrialSpecs.run(Map.of(), "write", TrialSpecs.EXAMPLE.toString(), networkIds.toString(),
                precious.toString());
        TrialSpecs.assertExit(1, refused);
        assertTrue(refused.output().contains(precious + " is not empty and holds no .turnout-trial"), refused.output());
        assertEquals(Map.of(Path.of("notes.txt"), "mine"), TrialSpecs.files(precious));
    }

    /** The script acts in the account Turnout acts in for specs-example's production environment. */
    @Test
    void scriptCreatesInTheAccountOfTheProductionEnvironment() {
        AwsTarget aws = TrialSpecs.load(TrialSpecs.EXAMPLE).environment("production").orElseThrow().aws();
        String script = DeployFiles.read(SCRIPT);
        Matcher account = Pattern.compile("\nACCOUNT_ID=\"\\$\\{ACCOUNT_ID:-(\\d{12})}\"").matcher(script);
        Matcher role = Pattern.compile("\nROLE_ARN=\"\\$\\{ROLE_ARN:-([^}]+)}\"").matcher(script);
        assertTrue(account.find() && role.find(), "ACCOUNT_ID and ROLE_ARN defaults in " + SCRIPT);
        assertEquals(aws.accountId(), Optional.of(account.group(1)));
        assertEquals(aws.roleArn(), Optional.of(role.group(1).replace("$ACCOUNT_ID", account.group(1))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAgentFollowsTheTrialSpecsWrittenAfterTheInfrastructure() {
        Map<String, Object> specs = service("specs");
        assertEquals(Map.of("condition", "service_completed_successfully"),
                ((Map<String, Object>) specs.get("depends_on")).get("infra"), "the ids exist once infra is done");
        String command = String.valueOf(specs.get("command"));
        assertTrue(command.contains("trial-specs.sh write /opt/specs-example /trial/network-ids"), command);
        assertTrue(String.valueOf(specs.get("volumes")).contains("trial:/trial"), "reads the infra's network-ids");
        assertEquals("/trial", environment("infra").get("TRIAL_DIR"), "writes network-ids to the shared volume");
        assertTrue(String.valueOf(service("infra").get("volumes")).contains("trial:/trial"));
        assertTrue(String.valueOf(service("infra").get("volumes")).contains("./trial-specs.sh:"));
        assertEquals("${TRIAL_TASKS:-0}", String.valueOf(((Map<String, Object>) service("emulator").get("environment"))
                .get("MOTO_ECS_SERVICE_RUNNING")), "moto reports the running tasks the trial specs ask for");
        assertEquals("${TRIAL_TASKS:-}", environment("specs").get("TRIAL_TASKS"));
    }

    static Set<String> idsOfExample() {
        Set<String> ids = new TreeSet<>();
        TrialSpecs.networks(TrialSpecs.load(TrialSpecs.EXAMPLE)).values().forEach(n -> ids.addAll(n.all()));
        return ids;
    }

    /** A new id of the same kind for each id, as an emulator would assign them. */
    static Map<String, String> createdIds(Set<String> ids) {
        Map<String, String> created = new LinkedHashMap<>();
        RandomGenerator random = new SplittableRandom();
        for (String id : ids) {
            byte[] bytes = new byte[9];
            random.nextBytes(bytes);
            String hex = HexFormat.of().formatHex(bytes);
            created.put(id, id.substring(0, id.indexOf('-') + 1) + hex.substring(0, 17));
        }
        return created;
    }

    /** The trial's specs, written from specs-example and made-up ids with {@code environment}, loaded. */
    static SpecTree writeTrialSpecs(Path dir, Map<String, String> environment) throws IOException {
        Path networkIds = dir.resolve("network-ids");
        TrialSpecs.writeNetworkIds(networkIds, createdIds(idsOfExample()));
        Path out = dir.resolve("specs");
        TrialSpecs.assertExit(0, TrialSpecs.run(environment, "write", TrialSpecs.EXAMPLE.toString(),
                networkIds.toString(), out.toString()));
        return TrialSpecs.load(out);
    }

    static JsonNode container(JsonNode taskDefinition, String name) {
        for (JsonNode c : taskDefinition.path("containerDefinitions")) {
            if (name.equals(c.path("name").asString())) return c;
        }
        throw new AssertionError("no container " + name + " in " + taskDefinition);
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
