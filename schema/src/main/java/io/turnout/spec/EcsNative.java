package io.turnout.spec;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * AWS's own deployment engine: one ECS service under the ECS deployment controller whose
 * {@code deploymentConfiguration.strategy} (in the service settings) is BLUE_GREEN, LINEAR,
 * CANARY or ROLLING. {@code loadBalancers} are CreateService's, as AWS documents them. Turnout
 * reads and compares such services but cannot deploy them yet.
 */
public record EcsNative(Optional<String> serviceName, List<JsonNode> loadBalancers) implements SingleService {
    public EcsNative {
        loadBalancers = loadBalancers.stream().map(JsonNode::deepCopy).toList();
    }

    @Override
    public List<JsonNode> loadBalancers() {
        return loadBalancers.stream().map(JsonNode::deepCopy).toList();
    }
}
