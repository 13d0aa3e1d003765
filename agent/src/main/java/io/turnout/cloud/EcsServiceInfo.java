package io.turnout.cloud;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An ECS service as DescribeServices (include=TAGS) returns it.
 *
 * @param status   ACTIVE, DRAINING or INACTIVE
 * @param settings the CreateService-shaped fields Turnout does not own, as AWS returns them
 *                 (launchType, platformVersion, networkConfiguration, deploymentConfiguration,
 *                 healthCheckGracePeriodSeconds, enableExecuteCommand, propagateTags,
 *                 enableECSManagedTags, placementConstraints, placementStrategy,
 *                 capacityProviderStrategy, schedulingStrategy …)
 */
public record EcsServiceInfo(String arn, String name, String clusterArn, String status, String taskDefinitionArn,
                             int desiredCount, int runningCount, int pendingCount,
                             List<LoadBalancerBinding> loadBalancers, List<ServiceRegistryBinding> serviceRegistries,
                             List<EcsDeployment> deployments, Map<String, String> tags, JsonNode settings) {
    public EcsServiceInfo {
        loadBalancers = List.copyOf(loadBalancers);
        serviceRegistries = List.copyOf(serviceRegistries);
        deployments = List.copyOf(deployments);
        tags = Map.copyOf(tags);
        settings = settings.deepCopy();
    }

    @Override
    public JsonNode settings() {
        return settings.deepCopy();
    }

    /**
     * Steady state as ECS means it: exactly one deployment, it is PRIMARY and COMPLETED
     * (or, for services without rollout state, running == desired), and running == desired.
     */
    public boolean steady() {
        if (deployments.size() != 1) return false;
        EcsDeployment d = deployments.getFirst();
        boolean completed = d.rolloutState() == null || "COMPLETED".equals(d.rolloutState());
        return "PRIMARY".equals(d.status()) && completed && runningCount == desiredCount && pendingCount == 0;
    }
}
