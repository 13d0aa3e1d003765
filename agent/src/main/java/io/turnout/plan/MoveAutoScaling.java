package io.turnout.plan;

import io.turnout.spec.AutoScaling;
import io.turnout.spec.Slot;

/** Auto scaling follows production: register it (as desired) on the new BLUE slot, deregister it from the old. */
public record MoveAutoScaling(String service, Slot from, String fromResourceId, Slot to, String toResourceId,
                              AutoScaling autoScaling) implements Step {
    @Override
    public String describe() {
        return "Move auto scaling from " + fromResourceId + " to " + toResourceId + ": "
                + AutoScalingText.describe(autoScaling);
    }
}
