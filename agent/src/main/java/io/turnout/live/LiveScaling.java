package io.turnout.live;

import io.turnout.cloud.ScalableTargetInfo;
import io.turnout.cloud.ScalingPolicyInfo;
import java.util.List;

/** Application Auto Scaling attached to one ECS service: its scalable target and policies (sorted by name). */
public record LiveScaling(ScalableTargetInfo target, List<ScalingPolicyInfo> policies) {
    public LiveScaling {
        policies = List.copyOf(policies);
    }
}
