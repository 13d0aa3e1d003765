package io.turnout.apply;

import io.turnout.plan.RemoveCanary;
import tools.jackson.databind.node.ObjectNode;

/** The verified canary goes: scaled to 0 and deleted (the rolling update that follows runs the new version everywhere). */
final class RemoveCanaryRunner implements StepRunner<RemoveCanary> {
    @Override
    public ObjectNode run(RemoveCanary step, StepContext ctx) {
        ctx.say("Removing the canary " + step.canaryEcsServiceName());
        Canaries.remove(ctx, step.cluster(), step.canaryEcsServiceName());
        return StepRunner.nothing();
    }
}
