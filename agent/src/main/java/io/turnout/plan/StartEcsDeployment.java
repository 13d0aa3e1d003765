package io.turnout.plan;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * UpdateService of a {@code strategy: ecs} service: the task definition, the desired count when
 * it changes and the spec's settings (deploymentConfiguration with ECS's strategy, bake time and
 * hooks, loadBalancers with advancedConfiguration, Service Connect), so that ECS starts a service
 * deployment. {@code tags} are what the service carries once deployed; the runner adds the task
 * definition deployed and, for a later revert, the spec hash and task definition it replaces.
 *
 * @param strategy ECS's deployment strategy (BLUE_GREEN, LINEAR, CANARY, ROLLING), for people
 */
public record StartEcsDeployment(String service, String cluster, String ecsServiceName, TaskDefinitionRef taskDefinition,
                                 Optional<Integer> desiredCount, JsonNode settings, String strategy,
                                 SortedMap<String, String> tags) implements Step {
    public StartEcsDeployment {
        settings = settings.deepCopy();
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }

    @Override
    public JsonNode settings() {
        return settings.deepCopy();
    }

    @Override
    public String describe() {
        return "Update " + ecsServiceName + " to task definition " + taskDefinition.describe()
                + desiredCount.map(n -> " with " + CreateSlot.tasks(n)).orElse("") + ": ECS deploys it " + strategy;
    }
}
