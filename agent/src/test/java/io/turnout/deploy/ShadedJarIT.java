package io.turnout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * After {@code package} (failsafe runs this in {@code mvn verify}): the jar the Dockerfile and
 * the jib profile put into the image exists, is executable with {@code java -jar}, and starts
 * the command line whose {@code agent} subcommand the image runs.
 */
class ShadedJarIT {
    @Test
    void theImagesJarHasTheMainClassInItsManifest() throws IOException {
        Path jar = DeployFiles.repositoryRoot().resolve(AgentPom.read().jarPath());
        assertTrue(Files.isRegularFile(jar), jar + " missing: the Dockerfile copies it from the Maven build");
        try (JarFile file = new JarFile(jar.toFile())) {
            String mainClass = file.getManifest().getMainAttributes().getValue("Main-Class");
            assertEquals(AgentPom.read().mainClass(), mainClass, "Main-Class of " + jar);
            assertEquals("io.turnout.cli.TurnoutCommand", mainClass);
            assertNotNull(file.getEntry(mainClass.replace('.', '/') + ".class"), mainClass + " is not in " + jar);
            // a shaded jar: the dependencies are inside, java -jar needs no class path
            assertNotNull(file.getEntry("picocli/CommandLine.class"), "picocli is not shaded into " + jar);
            assertNotNull(file.getEntry("software/amazon/awssdk/services/ecs/EcsClient.class"), "the AWS SDK is not shaded into " + jar);
        }
    }
}
