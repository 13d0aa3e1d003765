package io.turnout.apply;

import io.turnout.plan.MoveAutoScaling;
import tools.jackson.databind.node.ObjectNode;

/** Registers on the new BLUE first, then deregisters the old: production is never without scaling. */
final class MoveAutoScalingRunner implements StepRunner<MoveAutoScaling> {
    @Override
    public ObjectNode run(MoveAutoScaling step, StepContext ctx) {
        ctx.say("Moving auto scaling from " + step.fromResourceId() + " to " + step.toResourceId());
        AutoScalingCalls.apply(ctx, step.toResourceId(), step.autoScaling());
        ctx.deregisterScalableTarget(step.fromResourceId());
        return StepRunner.nothing();
    }
}
