package io.turnout.apply;

import io.turnout.cloud.EcsDeployment;
import io.turnout.cloud.EcsServiceInfo;
import io.turnout.plan.VerifyCanary;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The canary must keep all its tasks running (ECS replacing a task that stopped or failed its
 * health check shows as fewer running than desired, or a failed deployment) and its alarms OK,
 * checked every {@code bakeRecheck} for the bake time.
 */
final class VerifyCanaryRunner implements StepRunner<VerifyCanary> {
    @Override
    public ObjectNode run(VerifyCanary step, StepContext ctx) {
        AlarmWatch alarms = new AlarmWatch(ctx);
        ctx.say("Baking the canary " + step.canaryEcsServiceName() + " for " + StepContext.format(step.bakeTime()));
        Instant end = ctx.now().plus(step.bakeTime());
        while (true) {
            healthy(ctx, step);
            alarms.check(step.alarms(), "while the canary " + step.canaryEcsServiceName() + " runs");
            if (!ctx.now().isBefore(end)) break;
            ctx.sleepUntilAtMost(ctx.settings.bakeRecheck(), end);
        }
        ctx.say("The canary " + step.canaryEcsServiceName() + " stayed healthy");
        return StepRunner.nothing();
    }

    private static void healthy(StepContext ctx, VerifyCanary step) {
        EcsServiceInfo canary = ctx.service(step.cluster(), step.canaryEcsServiceName());
        Optional<EcsDeployment> failed = canary.deployments().stream().filter(d -> "FAILED".equals(d.rolloutState())).findFirst();
        if (failed.isPresent()) {
            throw new StepFailure("the canary " + step.canaryEcsServiceName() + " failed: " + failed.get().rolloutStateReason());
        }
        if (canary.desiredCount() == 0 || canary.runningCount() < canary.desiredCount() || canary.pendingCount() > 0) {
            throw new StepFailure("the canary " + step.canaryEcsServiceName() + " is not healthy: " + Canaries.status(canary)
                    + " (a task stopped or failed its health check); check its stopped tasks in the ECS console");
        }
    }
}
