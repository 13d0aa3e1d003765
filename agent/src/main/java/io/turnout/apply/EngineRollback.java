package io.turnout.apply;

import io.turnout.cloud.CloudException;
import io.turnout.cloud.CodeDeployDeploymentInfo;
import io.turnout.cloud.ServiceDeploymentInfo;
import io.turnout.cloud.ServiceRevisionInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stops a deployment of AWS's own engine so that production goes back to the revision it
 * replaces: StopServiceDeployment with ROLLBACK, or StopDeployment with auto rollback; then
 * waits until the engine says it rolled back, and says what to (ECS: the source revision's task
 * definition). Idempotent: a deployment already rolling back or finished is not stopped again.
 */
final class EngineRollback {
    private EngineRollback() {}

    /** How it ended: whether the engine rolled back, and what production runs now, for people. */
    record Result(boolean rolledBack, String what) {}

    /** {@code engineAndId}: {@code ecs:<arn>} or {@code codeDeploy:<id>}. */
    static Result run(StepContext ctx, String ecsServiceName, String engineAndId, String why, Duration timeout) {
        int colon = engineAndId.indexOf(':');
        String engine = engineAndId.substring(0, colon);
        String id = engineAndId.substring(colon + 1);
        return engine.equals("ecs") ? ecs(ctx, ecsServiceName, id, why, timeout) : codeDeploy(ctx, ecsServiceName, id, why, timeout);
    }

    private static Result ecs(StepContext ctx, String name, String arn, String why, Duration timeout) {
        ServiceDeploymentInfo d = describe(ctx, arn);
        if (d.active() && !d.rollingBack()) {
            ctx.say("Stopping ECS deployment " + shortId(arn) + " of " + name + " with ROLLBACK: " + why);
            try {
                ctx.run(() -> ctx.cloud.ecs().stopServiceDeployment(arn, "ROLLBACK"));
            } catch (StepFailure e) {
                // it may have ended between the look and the stop: judged by what it says next
                if (!(e.getCause() instanceof CloudException c) || c.kind() != CloudException.Kind.INVALID_REQUEST) throw e;
            }
        }
        Instant deadline = ctx.now().plus(timeout);
        while (true) {
            d = describe(ctx, arn);
            if (!d.active()) break;
            if (!ctx.now().isBefore(deadline)) {
                throw new StepFailure("ECS deployment " + shortId(arn) + " of " + name + " is still " + d.status() + " after "
                        + StepContext.format(timeout) + " of rolling back; look at it in the ECS console");
            }
            ctx.sleepUntilAtMost(ctx.settings.pollInterval(), deadline);
        }
        ServiceDeploymentInfo ended = d;
        String to = ended.rollback().map(r -> revisionTaskDefinition(ctx, r.serviceRevisionArn()))
                .or(() -> ended.sources().stream().findFirst().map(s -> revisionTaskDefinition(ctx, s.arn())))
                .orElse("the previous revision");
        if (!d.status().equals("ROLLBACK_SUCCESSFUL")) {
            return new Result(false, "the ECS deployment " + shortId(arn) + " of " + name + " ended " + d.status()
                    + (d.statusReason() == null ? "" : ": " + d.statusReason()));
        }
        return new Result(true, "ECS rolled " + name + " back to " + to);
    }

    private static Result codeDeploy(StepContext ctx, String name, String id, String why, Duration timeout) {
        CodeDeployDeploymentInfo d = ctx.call(() -> ctx.cloud.codeDeploy().getDeployment(id));
        if (d.active()) {
            ctx.say("Stopping CodeDeploy deployment " + id + " of " + name + " with auto rollback: " + why);
            ctx.run(() -> ctx.cloud.codeDeploy().stopDeployment(id, true));
        }
        Instant deadline = ctx.now().plus(timeout);
        while (true) {
            d = ctx.call(() -> ctx.cloud.codeDeploy().getDeployment(id));
            if (!d.active()) break;
            if (!ctx.now().isBefore(deadline)) {
                throw new StepFailure("CodeDeploy deployment " + id + " of " + name + " is still " + d.status() + " after "
                        + StepContext.format(timeout) + "; look at it in the CodeDeploy console");
            }
            ctx.sleepUntilAtMost(ctx.settings.pollInterval(), deadline);
        }
        String now = ctx.service(ctx.environment.cluster(), name).taskDefinitionArn();
        return new Result(d.rollback().isPresent(), "CodeDeploy " + (d.rollback().isPresent() ? "rolled " + name + " back"
                : "stopped the deployment of " + name) + " (" + d.status() + "): production runs " + AwaitSteadyStateRunner.revision(now));
    }

    static ServiceDeploymentInfo describe(StepContext ctx, String arn) {
        List<ServiceDeploymentInfo> found = ctx.call(() -> ctx.cloud.ecs().describeServiceDeployments(List.of(arn)));
        if (found.isEmpty()) throw new StepFailure("ECS service deployment " + arn + " not found");
        return found.getFirst();
    }

    /** {@code web:3}: the task definition of a service revision. */
    static String revisionTaskDefinition(StepContext ctx, String revisionArn) {
        Optional<ServiceRevisionInfo> revision = ctx.call(() -> ctx.cloud.ecs().describeServiceRevisions(List.of(revisionArn)))
                .stream().findFirst();
        return revision.map(r -> AwaitSteadyStateRunner.revision(r.taskDefinitionArn())).orElse(shortId(revisionArn));
    }

    static String shortId(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}
