package io.turnout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The {@code jib} profile of {@code agent/pom.xml} builds the image of {@code deploy/Dockerfile}:
 * same base, user, port, environment, volume and entrypoint, and the same jar at the same place.
 * (Jib cannot express HEALTHCHECK; the CloudFormation task definition carries the check.)
 */
class JibProfileTest {
    final Element jib = AgentPom.read().jibConfiguration();
    final Dockerfile.Stage image = Dockerfile.read().image();

    @Test
    void sameBaseUserAndPort() {
        assertEquals(image.base(), AgentPom.at(jib, "from", "image"));
        assertEquals(image.last("USER").orElseThrow().arguments(), AgentPom.at(jib, "container", "user"));
        Element ports = AgentPom.child(AgentPom.child(jib, "container").orElseThrow(), "ports").orElseThrow();
        assertEquals(List.of(image.last("EXPOSE").orElseThrow().arguments()),
                AgentPom.children(ports, "port").stream().map(p -> p.getTextContent().strip()).toList());
        assertEquals(image.last("WORKDIR").orElseThrow().arguments(), AgentPom.at(jib, "container", "workingDirectory"));
    }

    @Test
    void sameEntrypoint() {
        Element entrypoint = AgentPom.child(AgentPom.child(jib, "container").orElseThrow(), "entrypoint").orElseThrow();
        assertEquals(image.last("ENTRYPOINT").orElseThrow().execForm(),
                AgentPom.children(entrypoint, "arg").stream().map(a -> a.getTextContent().strip()).toList());
    }

    @Test
    void sameEnvironmentAndVolume() {
        Map<String, String> dockerfile = new LinkedHashMap<>();
        for (Dockerfile.Instruction env : image.all("ENV")) {
            for (String pair : env.arguments().split(" ")) {
                String[] kv = pair.split("=", 2);
                dockerfile.put(kv[0], kv[1]);
            }
        }
        Map<String, String> jibEnv = new LinkedHashMap<>();
        Element environment = AgentPom.child(AgentPom.child(jib, "container").orElseThrow(), "environment").orElseThrow();
        AgentPom.children(environment).forEach(e -> jibEnv.put(e.getTagName(), e.getTextContent().strip()));
        assertEquals(dockerfile, jibEnv);

        String volume = image.last("VOLUME").orElseThrow().execForm().getFirst();
        Element volumes = AgentPom.child(AgentPom.child(jib, "container").orElseThrow(), "volumes").orElseThrow();
        assertEquals(List.of(volume), AgentPom.children(volumes, "volume").stream().map(v -> v.getTextContent().strip()).toList());
    }

    /** The shaded jar goes to /app/turnout.jar, the path both entrypoints run. */
    @Test
    void packsTheShadedJarWhereTheEntrypointRunsIt() {
        Element paths = AgentPom.child(AgentPom.child(jib, "extraDirectories").orElseThrow(), "paths").orElseThrow();
        String jarName = Arrays.asList(AgentPom.read().jarPath().split("/")).getLast();
        boolean found = AgentPom.children(paths, "path").stream().anyMatch(p ->
                AgentPom.at(p, "from").equals("${project.build.directory}") && AgentPom.at(p, "into").equals("/app")
                        && AgentPom.text(p, "includes").orElse("").equals(jarName));
        assertTrue(found, "an extraDirectories path copying target/" + jarName + " into /app");
    }
}
