package io.turnout.spec;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Application Auto Scaling for the BLUE slot: the scalable target's capacity bounds and the
 * scaling policies as PutScalingPolicy documents them ({@code PolicyName}, {@code PolicyType},
 * {@code TargetTrackingScalingPolicyConfiguration} …), without ServiceNamespace/ResourceId/
 * ScalableDimension, which Turnout fills in for the slot.
 */
public record AutoScaling(int minCapacity, int maxCapacity, List<JsonNode> policies) {
    public AutoScaling {
        policies = policies.stream().map(JsonNode::deepCopy).toList();
    }

    @Override
    public List<JsonNode> policies() {
        return policies.stream().map(JsonNode::deepCopy).toList();
    }
}
