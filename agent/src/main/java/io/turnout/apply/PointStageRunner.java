package io.turnout.apply;

import io.turnout.plan.PointStage;
import tools.jackson.databind.node.ObjectNode;

/** Stage forwards to the slot about to be verified; production is not touched. */
final class PointStageRunner implements StepRunner<PointStage> {
    @Override
    public ObjectNode run(PointStage step, StepContext ctx) {
        ctx.say("Pointing stage " + step.stage().describe() + " at " + step.targetGroupName() + " for verification");
        ctx.route(step.stage(), step.targetGroupArn());
        return StepRunner.nothing();
    }
}
