package io.turnout.apply;

import io.turnout.cloud.ScalableTargetInfo;
import io.turnout.cloud.ScalingPolicyInfo;
import io.turnout.diff.Normalizer;
import io.turnout.spec.AutoScaling;
import tools.jackson.databind.JsonNode;

/** Auto scaling as the steps and the rollback set it: the scalable target, then its policies. */
final class AutoScalingCalls {
    private AutoScalingCalls() {}

    /** RegisterScalableTarget, then PutScalingPolicy per policy (both create-or-replace). */
    static void apply(StepContext ctx, String resourceId, AutoScaling scaling) {
        ctx.run(() -> ctx.cloud.autoScaling().registerScalableTarget(
                new ScalableTargetInfo(resourceId, scaling.minCapacity(), scaling.maxCapacity())));
        for (JsonNode policy : scaling.policies()) {
            ScalingPolicyInfo info = policy(resourceId, policy);
            ctx.run(() -> ctx.cloud.autoScaling().putScalingPolicy(info));
        }
    }

    static ScalingPolicyInfo policy(String resourceId, JsonNode policy) {
        // PutScalingPolicy defaults PolicyType to StepScaling, as the normalizer assumes too.
        String type = policy.path("PolicyType").asString("StepScaling");
        return new ScalingPolicyInfo(policy.path("PolicyName").asString(), resourceId, type,
                policy.path(Normalizer.configurationField(type)));
    }
}
