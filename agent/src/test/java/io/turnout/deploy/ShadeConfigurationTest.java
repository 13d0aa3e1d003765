package io.turnout.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The shade plugin replaces {@code target/turnout.jar} with the fat jar. A build after a
 * {@code package} found that jar "up to date", kept it as the module's own jar and shaded it
 * again over its own dependencies: some 1,250 overlap warnings hid any that mattered (issue 11).
 */
class ShadeConfigurationTest {
    @Test
    void theModulesJarIsAlwaysBuiltAfreshSoTheFatJarIsNeverShadedAgain() {
        assertEquals("true", AgentPom.at(AgentPom.read().pluginConfiguration("maven-jar-plugin"), "forceCreation"));
    }
}
