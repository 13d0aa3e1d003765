package io.turnout.apply;

import io.turnout.plan.Downsize;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * After the delay (rollback stays a listener swap meanwhile) and a last check that the new
 * BLUE still verifies, the old slot goes to 0 tasks; its ECS service is kept.
 */
final class DownsizeRunner implements StepRunner<Downsize> {
    @Override
    public ObjectNode run(Downsize step, StepContext ctx) {
        if (!step.delay().isZero()) {
            ctx.say("Keeping " + step.ecsServiceName() + " for " + StepContext.format(step.delay())
                    + " before scaling it to 0 (rollback stays instant meanwhile)");
            ctx.sleep(step.delay());
        }
        // The old slot is the instant rollback: give it up only while the new BLUE still verifies.
        ctx.productionCheck(step.service()).ifPresent(check -> {
            try {
                check.verify(ctx, false);
            } catch (StepFailure e) {
                throw new StepFailure("production (" + check.ecsServiceName() + ") no longer verifies, so "
                        + step.ecsServiceName() + " is kept to roll back to: " + e.getMessage(), e);
            }
        });
        ctx.say("Scaling " + step.ecsServiceName() + " to 0 tasks (kept for rollback)");
        ctx.updateService(step.cluster(), step.ecsServiceName(), Optional.empty(), Optional.of(0), Optional.empty());
        return StepRunner.nothing();
    }
}
