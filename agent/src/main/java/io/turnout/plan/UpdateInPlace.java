package io.turnout.plan;

import io.turnout.spec.AutoScaling;
import io.turnout.spec.Slot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A change that needs no new deployment, made on the BLUE slot: UpdateService with a new
 * desired count, and/or RegisterScalableTarget + PutScalingPolicy with new bounds or policies.
 */
public record UpdateInPlace(String service, Slot slot, String cluster, String ecsServiceName,
                            Optional<Integer> desiredCount, Optional<AutoScaling> autoScaling, String resourceId)
        implements Step {
    @Override
    public String describe() {
        List<String> what = new ArrayList<>();
        desiredCount.ifPresent(n -> what.add("desired count " + n));
        autoScaling.ifPresent(a -> what.add("auto scaling " + AutoScalingText.describe(a)));
        return "Update " + ecsServiceName + " in place: " + String.join(", ", what);
    }
}
