package io.turnout.plan;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * UpdateService of a rolling service: ECS replaces tasks itself, guarded by the deployment
 * circuit breaker. {@code settings} are the spec's service settings with the strategy's
 * deploymentConfiguration (circuit breaker, percentages) merged in. {@code tags} are the
 * {@code turnout:*} tags the service carries once updated (spec hash, commit); the runner adds
 * the deployed task definition ARN, so a later read can trust the tags instead of describing it.
 */
public record RollingUpdate(String service, String cluster, String ecsServiceName, TaskDefinitionRef taskDefinition,
                            Optional<Integer> desiredCount, JsonNode settings, boolean circuitBreaker,
                            boolean rollback, SortedMap<String, String> tags) implements Step {
    public RollingUpdate {
        settings = settings.deepCopy();
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }

    @Override
    public JsonNode settings() {
        return settings.deepCopy();
    }

    @Override
    public String describe() {
        return "Rolling update of " + ecsServiceName + " to task definition " + taskDefinition.describe()
                + desiredCount.map(n -> " with " + CreateSlot.tasks(n)).orElse("")
                + (circuitBreaker ? " (circuit breaker on" + (rollback ? ", rollback on failure)" : ")") : "");
    }
}
