package io.turnout.plan;

import io.turnout.spec.Slot;

/**
 * Make the stage route (listener default action, or rule) forward to a slot's target group
 * before that slot is verified, so HTTP checks through the stage listener reach it. Needed on
 * a first deployment (stage forwards nowhere yet) and whenever stage was moved by hand.
 * Production is not touched.
 */
public record PointStage(String service, String loadBalancerName, Slot slot, ListenerRoute stage,
                         String targetGroupName, String targetGroupArn) implements Step {
    @Override
    public String describe() {
        return "Point stage " + stage.describe() + " on " + loadBalancerName + " at " + targetGroupName
                + " (slot " + slot.id() + ") for verification";
    }
}
