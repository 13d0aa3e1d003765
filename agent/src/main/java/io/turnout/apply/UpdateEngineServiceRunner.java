package io.turnout.apply;

import io.turnout.cloud.Tags;
import io.turnout.cloud.UpdateServiceRequest;
import io.turnout.plan.UpdateEngineService;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/** UpdateService of a CODE_DEPLOY service without a task definition (count, updatable settings); idempotent. */
final class UpdateEngineServiceRunner implements StepRunner<UpdateEngineService> {
    @Override
    public ObjectNode run(UpdateEngineService step, StepContext ctx) {
        var updated = ctx.call(() -> ctx.cloud.ecs().updateService(new UpdateServiceRequest(step.cluster(), step.ecsServiceName(),
                Optional.empty(), step.desiredCount(), step.settings(), false)));
        Map<String, String> tags = new TreeMap<>(step.tags());
        tags.put(Tags.TASK_DEFINITION, updated.taskDefinitionArn());
        ctx.run(() -> ctx.cloud.ecs().tagResource(updated.arn(), tags));
        ctx.say("Updated " + step.ecsServiceName() + " in place");
        return StepRunner.nothing();
    }
}
