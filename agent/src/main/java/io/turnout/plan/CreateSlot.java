package io.turnout.plan;

import io.turnout.spec.Slot;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * CreateService for one slot of a blue/green service (first deployment).
 *
 * @param settings the spec's service settings (CreateService fields Turnout does not own), desiredCount removed
 * @param tags     the tags to create it with (turnout:* and BG_VERSION)
 */
public record CreateSlot(String service, Slot slot, String cluster, String ecsServiceName,
                         TaskDefinitionRef taskDefinition, int desiredCount, SlotBinding binding, JsonNode settings,
                         SortedMap<String, String> tags) implements Step {
    public CreateSlot {
        settings = settings.deepCopy();
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }

    @Override
    public JsonNode settings() {
        return settings.deepCopy();
    }

    public static SortedMap<String, String> tags(Map<String, String> tags) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }

    @Override
    public String describe() {
        return "Create " + ecsServiceName + " (slot " + slot.id() + ") on " + binding.describe() + " with "
                + tasks(desiredCount) + " of " + taskDefinition.describe();
    }

    static String tasks(int n) {
        return n == 1 ? "1 task" : n + " tasks";
    }
}
