package io.turnout.plan;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** CreateService of a rolling service (first deployment): one ECS service named after the Turnout service. */
public record CreateService(String service, String cluster, String ecsServiceName, TaskDefinitionRef taskDefinition,
                            int desiredCount, JsonNode settings, SortedMap<String, String> tags) implements Step {
    public CreateService {
        settings = settings.deepCopy();
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }

    @Override
    public JsonNode settings() {
        return settings.deepCopy();
    }

    @Override
    public String describe() {
        return "Create " + ecsServiceName + " with " + CreateSlot.tasks(desiredCount) + " of "
                + taskDefinition.describe();
    }
}
