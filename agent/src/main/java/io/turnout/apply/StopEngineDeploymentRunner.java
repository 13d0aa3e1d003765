package io.turnout.apply;

import io.turnout.cloud.EcsServiceInfo;
import io.turnout.plan.StopEngineDeployment;
import tools.jackson.databind.node.ObjectNode;

/**
 * A revert within the bake time: stops the deployment with rollback (production goes back to the
 * revision that still runs), waits until the engine says so, and tags the service as running it
 * (the stopped revision becomes "what it ran before").
 */
final class StopEngineDeploymentRunner implements StepRunner<StopEngineDeployment> {
    @Override
    public ObjectNode run(StopEngineDeployment step, StepContext ctx) {
        EcsServiceInfo before = ctx.service(step.cluster(), step.ecsServiceName());
        EngineRollback.Result result = EngineRollback.run(ctx, step.ecsServiceName(), step.engine() + ":" + step.deploymentId(),
                "a revert of the deployment, within its bake time", step.timeout());
        ctx.say(result.what());
        if (!result.rolledBack()) {
            throw new StepFailure("the deployment of " + step.ecsServiceName() + " was not rolled back: " + result.what());
        }
        String now = ctx.service(step.cluster(), step.ecsServiceName()).taskDefinitionArn();
        EngineTags.write(ctx, before, step.tags(), now);
        ctx.expect(step.ecsServiceName(), now);
        return StepRunner.nothing();
    }
}
