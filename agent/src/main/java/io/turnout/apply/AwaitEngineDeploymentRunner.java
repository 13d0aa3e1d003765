package io.turnout.apply;

import io.turnout.cloud.CodeDeployDeploymentInfo;
import io.turnout.cloud.ServiceDeploymentInfo;
import io.turnout.plan.AwaitEngineDeployment;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/** Waits for a deployment of AWS's engine that was under way when the plan was made to end, saying where it is as it moves. */
final class AwaitEngineDeploymentRunner implements StepRunner<AwaitEngineDeployment> {
    @Override
    public ObjectNode run(AwaitEngineDeployment step, StepContext ctx) {
        Instant deadline = ctx.now().plus(step.timeout());
        String last = null;
        while (true) {
            String status;
            boolean active;
            if (step.engine().equals("ecs")) {
                ServiceDeploymentInfo d = EngineRollback.describe(ctx, step.deploymentId());
                status = d.status() + (d.lifecycleStage() == null ? "" : " at " + d.lifecycleStage());
                active = d.active();
            } else {
                CodeDeployDeploymentInfo d = ctx.call(() -> ctx.cloud.codeDeploy().getDeployment(step.deploymentId()));
                status = d.status();
                active = d.active();
            }
            if (!active) {
                ctx.say("The deployment under way of " + step.ecsServiceName() + " ended: " + status);
                return StepRunner.nothing();
            }
            if (!ctx.now().isBefore(deadline)) {
                throw new StepFailure("the deployment under way of " + step.ecsServiceName() + " (" + step.deploymentId()
                        + ") is still " + status + " after " + StepContext.format(step.timeout()) + "; nothing was deployed");
            }
            if (!status.equals(last)) ctx.say("Waiting for the deployment under way of " + step.ecsServiceName() + ": " + status);
            last = status;
            ctx.sleepUntilAtMost(ctx.settings.pollInterval(), deadline);
        }
    }
}
