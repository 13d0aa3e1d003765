package io.turnout.apply;

import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.ServiceDeploymentInfo;
import io.turnout.plan.StartEcsDeployment;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * UpdateService of a {@code strategy: ecs} service, then the service deployment ECS started for
 * it (the newest active one), journaled so that the follow step — also in a resumed process —
 * follows that one. Run again, UpdateService with the same definition starts nothing new and the
 * deployment of the first run is found.
 */
final class StartEcsDeploymentRunner implements StepRunner<StartEcsDeployment> {
    @Override
    public ObjectNode run(StartEcsDeployment step, StepContext ctx) {
        String td = ctx.taskDefinitionArn(step.taskDefinition());
        EcsServiceInfo before = ctx.service(step.cluster(), step.ecsServiceName());
        ctx.say("Updating " + step.ecsServiceName() + " to " + AwaitSteadyStateRunner.revision(td) + ": ECS deploys it "
                + step.strategy());
        ctx.updateService(step.cluster(), step.ecsServiceName(), Optional.of(td), step.desiredCount(), Optional.of(step.settings()));
        EngineTags.write(ctx, before, step.tags(), td);
        ctx.expect(step.ecsServiceName(), td);
        ObjectNode result = StepRunner.nothing().put("service", step.service()).put("ecsService", step.ecsServiceName())
                .put("taskDefinitionArn", td);
        Optional<String> deployment = newestActive(ctx, step.cluster(), step.ecsServiceName());
        if (deployment.isEmpty()) {
            ctx.say("ECS started no deployment of " + step.ecsServiceName() + " (nothing it deploys changed)");
            return result;
        }
        ctx.say("ECS deployment " + EngineRollback.shortId(deployment.get()) + " of " + step.ecsServiceName() + " started");
        ctx.engineDeployment(step.service(), "ecs:" + deployment.get());
        return result.put("engineDeployment", "ecs:" + deployment.get());
    }

    static Optional<String> newestActive(StepContext ctx, String cluster, String ecsServiceName) {
        return ctx.call(() -> ctx.cloud.ecs().listServiceDeployments(cluster, ecsServiceName,
                ServiceDeploymentInfo.ACTIVE_STATUSES.stream().sorted().toList())).stream().findFirst();
    }

    static Optional<String> newest(StepContext ctx, String cluster, String ecsServiceName) {
        return ctx.call(() -> ctx.cloud.ecs().listServiceDeployments(cluster, ecsServiceName, List.of())).stream().findFirst();
    }
}
