package io.turnout.cloud;

import tools.jackson.databind.JsonNode;

/**
 * A scaling policy. {@code configuration} is the policy's configuration object as AWS
 * documents it: {@code TargetTrackingScalingPolicyConfiguration} for TargetTrackingScaling,
 * {@code StepScalingPolicyConfiguration} for StepScaling.
 */
public record ScalingPolicyInfo(String policyName, String resourceId, String policyType, JsonNode configuration) {
    public ScalingPolicyInfo {
        configuration = configuration.deepCopy();
    }

    @Override
    public JsonNode configuration() {
        return configuration.deepCopy();
    }
}
