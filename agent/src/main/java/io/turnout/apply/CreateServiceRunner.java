package io.turnout.apply;

import io.turnout.cloud.Tags;
import io.turnout.plan.CreateService;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/** CreateService for a rolling service; like a slot's ({@link CreateSlotRunner}), idempotent. */
final class CreateServiceRunner implements StepRunner<CreateService> {
    @Override
    public ObjectNode run(CreateService step, StepContext ctx) {
        String td = ctx.taskDefinitionArn(step.taskDefinition());
        // a rolling service has no Retag step: it records the deployed task definition at creation
        Map<String, String> tags = new TreeMap<>(step.tags());
        tags.put(Tags.TASK_DEFINITION, td);
        CreateSlotRunner.create(ctx, step.cluster(), step.ecsServiceName(), td, step.desiredCount(), List.of(), List.of(),
                step.settings(), tags, "");
        return StepRunner.nothing().put("ecsService", step.ecsServiceName()).put("taskDefinitionArn", td);
    }
}
