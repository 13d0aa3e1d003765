package io.turnout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.deploy.Dockerfile.Instruction;
import io.turnout.deploy.Dockerfile.Stage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/Dockerfile}, parsed: a Maven Wrapper build stage, a JRE 25 runtime stage as a
 * fixed non-root user, the health check and port the HTTP API serves, and the jar the Maven
 * build writes. The image itself is not built here: that needs a Docker engine and a
 * reachable registry for the base images (see deploy/README.md).
 */
class DockerfileTest {
    final Dockerfile dockerfile = Dockerfile.read();

    Stage build() {
        return dockerfile.stages().getFirst();
    }

    @Test
    void buildsWithTheMavenWrapperOnAJdk25() {
        assertTrue(dockerfile.stages().size() >= 2, "multi-stage: build and runtime");
        assertTrue(build().base().matches("eclipse-temurin:25(\\.[0-9.+_]+)?-jdk.*"), "build base: " + build().base());
        assertTrue(build().name().isPresent(), "the build stage is named, so the runtime can COPY --from it");
        assertTrue(build().all("RUN").stream().anyMatch(r -> r.arguments().contains("./mvnw ") && r.arguments().contains(" package")),
                "the build stage runs ./mvnw … package");
        List<String> copied = build().all("COPY").stream().map(Instruction::arguments).toList();
        assertTrue(copied.stream().anyMatch(c -> c.startsWith("mvnw ")) && copied.stream().anyMatch(c -> c.startsWith(".mvn/")),
                "the wrapper and its .mvn/ are copied: " + copied);
    }

    @Test
    void runsOnAJre25AsAFixedNonRootUser() {
        Stage image = dockerfile.image();
        assertTrue(image.base().matches("eclipse-temurin:25(\\.[0-9.+_]+)?-jre(-[a-z0-9]+)?(@sha256:[0-9a-f]{64})?"),
                "runtime base should be a Temurin 25 JRE image: " + image.base());
        String user = image.last("USER").orElseThrow(() -> new AssertionError("no USER: the agent would run as root")).arguments();
        String uid = user.split(":")[0];
        assertTrue(uid.matches("[0-9]+") && !uid.equals("0"), "USER should be a fixed numeric non-root UID: " + user);
        assertTrue(image.all("RUN").stream().anyMatch(r -> r.arguments().contains("adduser") || r.arguments().contains("useradd")),
                "the user is created with that UID");
        assertTrue(image.all("ARG").stream().anyMatch(a -> a.arguments().equals("TURNOUT_UID=" + uid))
                        || image.all("RUN").stream().anyMatch(r -> r.arguments().contains("-u " + uid)),
                "the created user has UID " + uid);
        // USER comes after everything that needs root in the image stage
        int userLine = image.last("USER").orElseThrow().line();
        assertTrue(image.all("RUN").stream().allMatch(r -> r.line() < userLine), "RUN after USER would run as the agent");
    }

    @Test
    void exposesTheHttpApiAndChecksItsHealth() {
        Stage image = dockerfile.image();
        assertEquals(List.of("8080"), image.all("EXPOSE").stream().flatMap(e -> Arrays.stream(e.arguments().split(" "))).toList());
        String check = dockerfile.healthCheckCommand();
        assertTrue(check.matches(".*http://127\\.0\\.0\\.1:8080/health(/liveness)?( .*|$)"),
                "HEALTHCHECK should probe /health (its liveness part) on 8080: " + check);
        assertTrue(image.last("HEALTHCHECK").orElseThrow().arguments().contains("--start-period="),
                "a start period, so the JVM start is not counted as failures");
    }

    @Test
    void entrypointRunsTheAgentFromTheJarTheBuildWrites() {
        Stage image = dockerfile.image();
        List<String> entrypoint = image.last("ENTRYPOINT").orElseThrow().execForm();
        assertFalse(entrypoint.isEmpty(), "ENTRYPOINT in exec form, so java is PID 1 and receives SIGTERM");
        assertEquals("java", entrypoint.getFirst());
        assertEquals(List.of("-jar", "/app/turnout.jar", "agent"), entrypoint.subList(entrypoint.size() - 3, entrypoint.size()));

        String workdir = build().last("WORKDIR").orElseThrow().arguments();
        String copy = image.all("COPY").stream().map(Instruction::arguments)
                .filter(c -> c.startsWith("--from=" + build().name().orElseThrow() + " ") && c.endsWith(" /app/turnout.jar"))
                .findFirst().orElseThrow(() -> new AssertionError("no COPY --from=" + build().name().orElseThrow() + " … /app/turnout.jar"));
        String source = copy.split(" ")[1];
        assertEquals(workdir + "/" + AgentPom.read().jarPath(), source,
                "the runtime stage must copy the jar the Maven build writes (agent/pom.xml finalName)");
        assertTrue(build().all("RUN").stream().anyMatch(r -> r.arguments().contains("-pl agent")), "the build builds the agent module");
    }

    @Test
    void parserJoinsContinuationsAndDropsComments() {
        Dockerfile parsed = Dockerfile.parse("""
                # syntax=docker/dockerfile:1
                ARG BASE=x
                FROM a:1 AS one
                RUN echo a \\
                # a comment inside a continuation
                    && echo b
                FROM --platform=linux/amd64 b:2
                USER 10:10
                """);
        assertEquals(2, parsed.stages().size());
        assertEquals("a:1", parsed.stages().getFirst().base());
        assertEquals("one", parsed.stages().getFirst().name().orElseThrow());
        assertEquals("echo a && echo b", parsed.stages().getFirst().all("RUN").getFirst().arguments());
        assertEquals("b:2", parsed.image().base());
        assertEquals("10:10", parsed.image().last("USER").orElseThrow().arguments());
    }
}
