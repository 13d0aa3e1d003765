package io.turnout.apply;

import io.turnout.plan.RemoveAutoScaling;
import tools.jackson.databind.node.ObjectNode;

/** Carries out {@link RemoveAutoScaling} steps. */
final class RemoveAutoScalingRunner implements StepRunner<RemoveAutoScaling> {
    @Override
    public ObjectNode run(RemoveAutoScaling step, StepContext ctx) {
        ctx.say("Removing auto scaling from " + step.resourceId());
        ctx.deregisterScalableTarget(step.resourceId());
        return StepRunner.nothing();
    }
}
