package io.turnout.apply;

import io.turnout.cloud.Tags;
import io.turnout.cloud.TaskDefinitionInfo;
import io.turnout.plan.RegisterTaskDefinition;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * RegisterTaskDefinition. Running it again registers another identical revision, which is
 * harmless (ECS keeps revisions; the plan uses the one this run recorded).
 */
final class RegisterTaskDefinitionRunner implements StepRunner<RegisterTaskDefinition> {
    @Override
    public ObjectNode run(RegisterTaskDefinition step, StepContext ctx) {
        TaskDefinitionInfo td = ctx.call(() -> ctx.cloud.ecs().registerTaskDefinition(step.definition(),
                Map.of(Tags.ENVIRONMENT, ctx.environment.name(), Tags.SERVICE,
                        step.service())));
        ctx.registered(step.family(), td.arn());
        ctx.say("Registered " + td.family() + ":" + td.revision());
        return StepRunner.nothing().put("family", step.family()).put("taskDefinitionArn", td.arn());
    }
}
