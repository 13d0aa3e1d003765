package io.turnout.apply;

import io.turnout.plan.CreateCanary;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** The canary's service with the new version, next to the rolling service; updated instead when an earlier run created it. */
final class CreateCanaryRunner implements StepRunner<CreateCanary> {
    @Override
    public ObjectNode run(CreateCanary step, StepContext ctx) {
        String td = ctx.taskDefinitionArn(step.taskDefinition());
        Canaries.awaitNameFree(ctx, step.cluster(), step.canaryEcsServiceName());
        CreateSlotRunner.create(ctx, step.cluster(), step.canaryEcsServiceName(), td, step.tasks(), List.of(), List.of(),
                step.settings(), step.tags(), "next to " + step.service());
        return StepRunner.nothing().put("ecsService", step.canaryEcsServiceName()).put("taskDefinitionArn", td);
    }
}
