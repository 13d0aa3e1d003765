package io.turnout.apply;

import io.turnout.cloud.EcsDeployment;
import io.turnout.cloud.EcsServiceInfo;
import io.turnout.plan.AwaitSteadyState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Polls DescribeServices until the service is steady (one COMPLETED deployment, running =
 * desired), saying how far it got whenever that changes, at most the environment's
 * {@code steadyStateTimeout}. A deployment the circuit breaker failed, or a steady state on
 * another task definition than the one just deployed (ECS rolled back by itself), fails the
 * step with ECS's own reason.
 */
final class AwaitSteadyStateRunner implements StepRunner<AwaitSteadyState> {
    @Override
    public ObjectNode run(AwaitSteadyState step, StepContext ctx) {
        await(ctx, step.cluster(), step.ecsServiceName(), step.timeout());
        return StepRunner.nothing();
    }

    static EcsServiceInfo await(StepContext ctx, String cluster, String name, Duration timeout) {
        Instant deadline = ctx.now().plus(timeout);
        Optional<String> expected = ctx.expected(name);
        String last = null;
        while (true) {
            EcsServiceInfo s = ctx.service(cluster, name);
            Optional<EcsDeployment> failed = s.deployments().stream()
                    .filter(d -> "FAILED".equals(d.rolloutState())).findFirst();
            if (expected.isPresent() && !expected.get().equals(s.taskDefinitionArn())) {
                throw new StepFailure("ECS rolled " + name + " back to " + revision(s.taskDefinitionArn()) + " instead of"
                        + " running " + revision(expected.get()) + failed.map(d -> ": " + d.rolloutStateReason()).orElse(""));
            }
            if (failed.isPresent() && failed.get().taskDefinitionArn().equals(s.taskDefinitionArn())) {
                throw new StepFailure("the ECS deployment of " + name + " failed: " + failed.get().rolloutStateReason());
            }
            String status = status(s);
            if (s.steady()) {
                ctx.say(name + " is steady: " + status);
                return s;
            }
            if (!ctx.now().isBefore(deadline)) {
                throw new StepFailure(name + " did not reach steady state within " + StepContext.format(timeout) + ": "
                        + status + (s.deployments().size() > 1 ? ", " + s.deployments().size() + " deployments" : "")
                        + "; check the service's events and stopped tasks in the ECS console");
            }
            if (!status.equals(last)) ctx.say("Waiting for " + name + " to reach steady state: " + status + "…");
            last = status;
            ctx.sleepUntilAtMost(ctx.settings.pollInterval(), deadline);
        }
    }

    static String status(EcsServiceInfo s) {
        return s.runningCount() + "/" + s.desiredCount() + " running" + (s.pendingCount() > 0 ? ", " + s.pendingCount()
                + " pending" : "");
    }

    static String revision(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}
