package io.turnout.apply;

import io.turnout.plan.SwapTraffic;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ELB swap: prod first (the verified slot takes production), then stage (the old
 * slot, kept for an instant rollback). ModifyListener/ModifyRule with the same target
 * group again is a no-op, so the step is idempotent.
 */
final class SwapTrafficRunner implements StepRunner<SwapTraffic> {
    @Override
    public ObjectNode run(SwapTraffic step, StepContext ctx) {
        ctx.say("Swapping prod " + step.prod().describe() + " to " + step.prodTargetGroupName());
        ctx.route(step.prod(), step.prodTargetGroupArn());
        ctx.say("Swapping stage " + step.stage().describe() + " to " + step.stageTargetGroupName());
        ctx.route(step.stage(), step.stageTargetGroupArn());
        return StepRunner.nothing();
    }
}
