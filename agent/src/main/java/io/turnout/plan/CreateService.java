package io.turnout.plan;

import io.turnout.spec.Rolling;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * CreateService of a rolling service (first deployment): one ECS service, registered in
 * {@code targetGroup} when the spec names one (its ARN is looked up by name when the step runs).
 */
public record CreateService(String service, String cluster, String ecsServiceName, TaskDefinitionRef taskDefinition,
                            int desiredCount, JsonNode settings, SortedMap<String, String> tags,
                            Optional<Rolling.TargetGroupRoute> targetGroup) implements Step {
    public CreateService {
        settings = settings.deepCopy();
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
        targetGroup = targetGroup == null ? Optional.empty() : targetGroup;
    }

    @Override
    public JsonNode settings() {
        return settings.deepCopy();
    }

    @Override
    public String describe() {
        return "Create " + ecsServiceName + targetGroup.map(t -> " in target group " + t.targetGroup()).orElse("")
                + " with " + CreateSlot.tasks(desiredCount) + " of " + taskDefinition.describe();
    }
}
