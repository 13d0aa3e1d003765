package io.turnout.plan;

import io.turnout.spec.AutoScaling;
import io.turnout.spec.Slot;

/** RegisterScalableTarget and PutScalingPolicy (per policy) on one slot; {@code resourceId} = service/cluster/name. */
public record ApplyAutoScaling(String service, Slot slot, String resourceId, AutoScaling autoScaling)
        implements Step {
    @Override
    public String describe() {
        return "Apply auto scaling to " + resourceId + ": " + AutoScalingText.describe(autoScaling);
    }
}
