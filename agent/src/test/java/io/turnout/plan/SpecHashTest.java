package io.turnout.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.spec.EffectiveService;
import io.turnout.testing.SpecFixtures;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpecHashTest {
    @Test
    void isSixteenHexDigitsAndStable() {
        EffectiveService web = SpecFixtures.elbService("web", "nginx:1.27", Optional.empty());
        String hash = SpecHash.of(web);
        assertTrue(hash.matches("[0-9a-f]{16}"), hash);
        assertEquals(hash, SpecHash.of(SpecFixtures.elbService("web", "nginx:1.27", Optional.empty())));
    }

    @Test
    void ignoresFormattingAndDefaultsWrittenOut() {
        EffectiveService plain = SpecFixtures.elbService("web", "nginx:1.27", Optional.empty());
        EffectiveService spelledOut = SpecFixtures.service("web",
                SpecFixtures.taskDefinition("web", "nginx:1.27").replace("memory: '512',", "memory: '512', volumes: [],")
                        .replace("portMappings: [{containerPort: 8080}]",
                                "portMappings: [{containerPort: 8080, hostPort: 8080, protocol: tcp}], essential: true"),
                SpecFixtures.SETTINGS.replace("subnets: [s-1, s-2]", "subnets: [s-2, s-1], assignPublicIp: DISABLED"),
                plain.strategy());
        assertEquals(SpecHash.of(plain), SpecHash.of(spelledOut));
    }

    @Test
    void changesWithWhatMatters() {
        String base = SpecHash.of(SpecFixtures.elbService("web", "nginx:1.27", Optional.empty()));
        assertNotEquals(base, SpecHash.of(SpecFixtures.elbService("web", "nginx:1.28", Optional.empty())));
        assertNotEquals(base, SpecHash.of(SpecFixtures.elbService("web", "nginx:1.27",
                Optional.of(SpecFixtures.scaling(2, 10)))));
    }
}
