package io.turnout.spec;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A service under a CodeDeploy deployment group (deployment controller CODE_DEPLOY).
 * {@code loadBalancers} are CreateService's, as AWS documents them. Turnout reads and compares
 * such services but cannot deploy them yet.
 */
public record CodeDeploy(Optional<String> serviceName, Optional<String> application, Optional<String> deploymentGroup,
                         List<JsonNode> loadBalancers) implements SingleService {
    public CodeDeploy {
        loadBalancers = loadBalancers.stream().map(JsonNode::deepCopy).toList();
    }

    @Override
    public List<JsonNode> loadBalancers() {
        return loadBalancers.stream().map(JsonNode::deepCopy).toList();
    }
}
