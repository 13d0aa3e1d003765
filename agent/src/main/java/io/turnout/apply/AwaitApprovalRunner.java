package io.turnout.apply;

import io.turnout.cloud.EcsServiceInfo;
import io.turnout.plan.AwaitApproval;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs once the gate is approved ({@link Deployment} decides when): hours may have passed since
 * the new version was verified, so it must still serve — steady with all its tasks, and its
 * targets healthy where the verification looked at them — before production moves to it.
 */
final class AwaitApprovalRunner implements StepRunner<AwaitApproval> {
    @Override
    public ObjectNode run(AwaitApproval step, StepContext ctx) {
        String cluster = ctx.environment.cluster();
        ctx.say("Approved: checking " + step.ecsServiceName() + " again before production moves to it");
        var check = ctx.productionCheck(step.service());
        if (check.isPresent() && check.get().ecsServiceName().equals(step.ecsServiceName())) {
            check.get().verify(ctx, true);
        } else {
            EcsServiceInfo s = ctx.service(cluster, step.ecsServiceName());
            if (s.desiredCount() == 0 || s.runningCount() < s.desiredCount()) {
                throw new StepFailure(step.ecsServiceName() + " no longer serves after the wait for approval: "
                        + AwaitSteadyStateRunner.status(s));
            }
        }
        return StepRunner.nothing();
    }
}
