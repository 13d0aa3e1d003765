package io.turnout.apply;

import io.turnout.plan.ApplyAutoScaling;
import tools.jackson.databind.node.ObjectNode;

/** Carries out {@link ApplyAutoScaling} steps. */
final class ApplyAutoScalingRunner implements StepRunner<ApplyAutoScaling> {
    @Override
    public ObjectNode run(ApplyAutoScaling step, StepContext ctx) {
        ctx.say("Applying auto scaling to " + step.resourceId() + " (" + step.autoScaling().minCapacity() + "–"
                + step.autoScaling().maxCapacity() + " tasks)");
        AutoScalingCalls.apply(ctx, step.resourceId(), step.autoScaling());
        return StepRunner.nothing();
    }
}
