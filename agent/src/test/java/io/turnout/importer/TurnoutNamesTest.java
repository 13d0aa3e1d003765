package io.turnout.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TurnoutNamesTest {
    private static final String PATTERN = "^(?!.*--)[a-z][a-z0-9-]{0,38}[a-z0-9]$";

    @Test
    void ecsNamesBecomeValidUniqueServiceNames() {
        TurnoutNames names = new TurnoutNames();
        assertEquals("webservice-prod-1a2b", names.of("WebService_Prod-1A2B"));
        assertEquals("web", names.of("web"));
        assertEquals("web-2", names.of("web"), "unique within one import");
        assertEquals("svc-a", names.of("a"));
        assertEquals("api-v2", names.of("__api--v2__"));
        String longName = names.of("OpenABIntegBrokerServiceE7A1B2C3D4E5F6G7H8I9J0K1L2M3N4O5P6");
        assertTrue(longName.length() <= 40 && longName.matches(PATTERN), longName);
        for (String odd : new String[] {"9lives", "-x-", "ÄÖÜ service", "a_b_c_", "x".repeat(300)}) {
            String name = names.of(odd);
            assertTrue(name.matches(PATTERN), odd + " -> " + name);
        }
    }

    @Test
    void twoSlotsShareTheirCommonBeginning() {
        assertEquals("web", TurnoutNames.common("web-blue", "web-green"));
        assertEquals("shop-api", TurnoutNames.common("shop-api__1", "shop-api__2"));
        assertEquals("a", TurnoutNames.common("a", "b"), "no common beginning worth a name: the first");
    }
}
