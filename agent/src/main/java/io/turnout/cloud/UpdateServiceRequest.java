package io.turnout.cloud;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * UpdateService: only the present fields change. {@code settings} holds updatable
 * CreateService-shaped fields (deploymentConfiguration, networkConfiguration …);
 * {@code forceNewDeployment} starts a new deployment even when nothing else changed;
 * {@code loadBalancers} replaces the service's target group bindings (AWS allows it for
 * services under the ECS deployment controller, and starts a new deployment).
 */
public record UpdateServiceRequest(String cluster, String service, Optional<String> taskDefinition,
                                   Optional<Integer> desiredCount, Optional<JsonNode> settings,
                                   boolean forceNewDeployment, Optional<List<LoadBalancerBinding>> loadBalancers) {
    public UpdateServiceRequest {
        settings = settings.map(JsonNode::deepCopy);
        loadBalancers = loadBalancers == null ? Optional.empty() : loadBalancers.map(List::copyOf);
    }

    /** An update that leaves the load balancers as they are. */
    public UpdateServiceRequest(String cluster, String service, Optional<String> taskDefinition,
                                Optional<Integer> desiredCount, Optional<JsonNode> settings, boolean forceNewDeployment) {
        this(cluster, service, taskDefinition, desiredCount, settings, forceNewDeployment, Optional.empty());
    }
}
