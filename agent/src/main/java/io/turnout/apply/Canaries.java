package io.turnout.apply;

import io.turnout.cloud.CloudException;
import io.turnout.cloud.DescribeServicesResult;
import io.turnout.cloud.EcsServiceInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A rolling service's canary service ({@code <service>--canary}): made ready for a new canary and
 * removed again, by the canary steps and by a rollback alike. Every action is idempotent.
 */
final class Canaries {
    private Canaries() {
    }

    /**
     * Waits until no DRAINING service holds the canary's name. AWS keeps a deleted service
     * DRAINING while its tasks stop, and refuses to create one of the same name until then
     * ("Unable to Start a service that is still Draining"): a canary right after the last one
     * was removed has to wait that out.
     */
    static void awaitNameFree(StepContext ctx, String cluster, String name) {
        Instant deadline = ctx.now().plus(ctx.environment.deployment().steadyStateTimeout());
        while (true) {
            DescribeServicesResult found = ctx.call(() -> ctx.cloud.ecs().describeServices(cluster, List.of(name)));
            boolean draining = found.services().stream().anyMatch(s -> "DRAINING".equals(s.status()));
            if (!draining) return;
            if (!ctx.now().isBefore(deadline)) {
                throw new StepFailure("the canary service " + name + " from an earlier deployment is still DRAINING after "
                        + StepContext.format(ctx.environment.deployment().steadyStateTimeout()) + "; check its tasks in the ECS console");
            }
            ctx.say("Waiting for the earlier canary " + name + " to finish draining…");
            ctx.sleepUntilAtMost(ctx.settings.pollInterval(), deadline);
        }
    }

    /** Scales the canary to 0 and deletes its service; a canary that is already gone is fine. */
    static boolean remove(StepContext ctx, String cluster, String name) {
        Optional<EcsServiceInfo> canary = ctx.findService(cluster, name);
        if (canary.isEmpty()) return false;
        if (canary.get().desiredCount() > 0) {
            ctx.updateService(cluster, name, Optional.empty(), Optional.of(0), Optional.empty());
        }
        try {
            ctx.call(() -> ctx.cloud.ecs().deleteService(cluster, name));
        } catch (StepFailure e) {
            if (!(e.getCause() instanceof CloudException c && c.kind() == CloudException.Kind.NOT_FOUND)) throw e;
        }
        return true;
    }

    static String status(EcsServiceInfo s) {
        return AwaitSteadyStateRunner.status(s);
    }
}
