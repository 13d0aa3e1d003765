package io.turnout.cloud;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * UpdateService: only the present fields change. {@code settings} holds updatable
 * CreateService-shaped fields (deploymentConfiguration, networkConfiguration …);
 * {@code forceNewDeployment} starts a new deployment even when nothing else changed.
 */
public record UpdateServiceRequest(String cluster, String service, Optional<String> taskDefinition,
                                   Optional<Integer> desiredCount, Optional<JsonNode> settings,
                                   boolean forceNewDeployment) {
    public UpdateServiceRequest {
        settings = settings.map(JsonNode::deepCopy);
    }
}
