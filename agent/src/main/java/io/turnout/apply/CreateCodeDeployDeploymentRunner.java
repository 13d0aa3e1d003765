package io.turnout.apply;

import io.turnout.cloud.CodeDeployApi;
import io.turnout.cloud.CodeDeployDeploymentInfo;
import io.turnout.cloud.EcsServiceInfo;
import io.turnout.plan.CreateCodeDeployDeployment;
import io.turnout.spec.CodeDeploy;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * CreateDeployment with an ECS AppSpec (JSON, revision type AppSpecContent). Run again after an
 * interruption, it finds the deployment the first run created (the group's active deployment of
 * the same task definition) instead of failing on CodeDeploy's one-active-deployment limit.
 */
final class CreateCodeDeployDeploymentRunner implements StepRunner<CreateCodeDeployDeployment> {
    @Override
    public ObjectNode run(CreateCodeDeployDeployment step, StepContext ctx) {
        String td = ctx.taskDefinitionArn(step.taskDefinition());
        EcsServiceInfo before = ctx.service(step.cluster(), step.ecsServiceName());
        Optional<String> running = ctx.call(() -> ctx.cloud.codeDeploy().listDeployments(step.application(), step.deploymentGroup(),
                CodeDeployDeploymentInfo.ACTIVE_STATUSES.stream().sorted().toList())).stream()
                .filter(id -> ctx.call(() -> ctx.cloud.codeDeploy().getDeployment(id)).taskDefinitionArn().equals(Optional.of(td)))
                .findFirst();
        String id;
        if (running.isPresent()) {
            id = running.get();
            ctx.say("CodeDeploy deployment " + id + " of " + AwaitSteadyStateRunner.revision(td) + " exists already (an earlier run created it)");
        } else {
            String appSpec = appSpec(step, td).toString();
            id = ctx.call(() -> ctx.cloud.codeDeploy().createDeployment(new CodeDeployApi.CreateDeploymentRequest(step.application(),
                    step.deploymentGroup(), step.deploymentConfigName(), appSpec, "Turnout: " + step.service() + " to "
                    + AwaitSteadyStateRunner.revision(td))));
            ctx.say("Created CodeDeploy deployment " + id + " of " + AwaitSteadyStateRunner.revision(td) + " in "
                    + step.application() + "/" + step.deploymentGroup());
        }
        EngineTags.write(ctx, before, step.tags(), td);
        ctx.engineDeployment(step.service(), "codeDeploy:" + id);
        return StepRunner.nothing().put("service", step.service()).put("engineDeployment", "codeDeploy:" + id)
                .put("ecsService", step.ecsServiceName()).put("taskDefinitionArn", td);
    }

    /** The AppSpec CodeDeploy's ECS blue/green takes: the target service's task definition, container and port, and hooks. */
    static ObjectNode appSpec(CreateCodeDeployDeployment step, String taskDefinitionArn) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode spec = nodes.objectNode().put("version", 0.0);
        ObjectNode props = spec.putArray("Resources").addObject().putObject("TargetService")
                .put("Type", "AWS::ECS::Service").putObject("Properties");
        props.put("TaskDefinition", taskDefinitionArn);
        props.putObject("LoadBalancerInfo").put("ContainerName", step.containerName()).put("ContainerPort", step.containerPort());
        props.setAll((ObjectNode) step.appSpecProperties());
        if (!step.hooks().isEmpty()) {
            ArrayNode hooks = spec.putArray("Hooks");
            for (CodeDeploy.Hook hook : step.hooks()) hooks.addObject().put(hook.event(), hook.function());
        }
        return spec;
    }
}
