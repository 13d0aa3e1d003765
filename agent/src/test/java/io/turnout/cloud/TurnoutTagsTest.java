package io.turnout.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.turnout.spec.load.TurnoutTags;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The spec loader counts Turnout's own tags against AWS's 50 per resource ({@link TurnoutTags});
 * the keys it counts are the keys {@link Tags} writes, so a new tag here fails until it is
 * counted there too.
 */
class TurnoutTagsTest {
    @Test
    void theLoaderCountsEveryTagTurnoutWrites() throws IllegalAccessException {
        Set<String> written = new TreeSet<>();
        for (Field f : Tags.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != String.class) continue;
            String value = (String) f.get(null);
            if (value.startsWith("turnout:") || value.equals(Tags.BG_VERSION)) written.add(value);
        }
        // every tag Turnout writes is counted on a resource that carries it
        Set<String> counted = new TreeSet<>(TurnoutTags.BLUE_GREEN_SLOT);
        counted.addAll(TurnoutTags.CANARY_SERVICE);
        counted.addAll(TurnoutTags.ENGINE_SERVICE);
        assertEquals(written, counted);
        assertEquals(Set.of(Tags.BG_VERSION, Tags.ENVIRONMENT, Tags.SERVICE, Tags.SLOT, Tags.COMMIT, Tags.SPEC_HASH, Tags.TASK_DEFINITION),
                Set.copyOf(TurnoutTags.BLUE_GREEN_SLOT));
        assertEquals(Set.of(Tags.ENVIRONMENT, Tags.SERVICE), Set.copyOf(TurnoutTags.TASK_DEFINITION));
        assertEquals(Set.of(Tags.ENVIRONMENT, Tags.SERVICE, Tags.COMMIT, Tags.SPEC_HASH, Tags.TASK_DEFINITION),
                Set.copyOf(TurnoutTags.ROLLING_SERVICE));
        assertEquals(Set.of(Tags.ENVIRONMENT, Tags.SERVICE, Tags.COMMIT, Tags.SPEC_HASH, Tags.TASK_DEFINITION, Tags.CANARY),
                Set.copyOf(TurnoutTags.CANARY_SERVICE));
        // a service of AWS's engines (EngineTags): a rolling service's and what it ran before
        assertEquals(Set.of(Tags.ENVIRONMENT, Tags.SERVICE, Tags.COMMIT, Tags.SPEC_HASH, Tags.TASK_DEFINITION,
                Tags.PREVIOUS_TASK_DEFINITION, Tags.PREVIOUS_SPEC_HASH), Set.copyOf(TurnoutTags.ENGINE_SERVICE));
    }
}
