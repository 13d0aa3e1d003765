package io.turnout.plan;

import io.turnout.spec.Slot;

/**
 * ELB swap: the prod route forwards to {@code toSlot}'s target group, the stage route to the
 * other slot's (ModifyListener, or ModifyRule when the spec uses rules).
 */
public record SwapTraffic(String service, String loadBalancerName, String loadBalancerArn, Slot toSlot,
                          ListenerRoute prod, String prodTargetGroupName, String prodTargetGroupArn,
                          ListenerRoute stage, String stageTargetGroupName, String stageTargetGroupArn)
        implements Step {
    @Override
    public String describe() {
        return "Point production at slot " + toSlot.id() + " on " + loadBalancerName + ": prod " + prod.describe()
                + " → " + prodTargetGroupName + ", stage " + stage.describe() + " → " + stageTargetGroupName;
    }
}
