package io.turnout.apply;

import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.Tags;
import io.turnout.plan.RollingUpdate;
import io.turnout.plan.UpdateSlot;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * UpdateService on the GREEN slot: new task definition and desired count (the plan already
 * chose "same as BLUE runs" when the spec sets no count), plus the spec's updatable service
 * settings when they differ. Also runs a rolling service's update, where ECS replaces the
 * tasks itself under the deployment circuit breaker.
 */
final class UpdateSlotRunner implements StepRunner<UpdateSlot> {
    @Override
    public ObjectNode run(UpdateSlot step, StepContext ctx) {
        String td = ctx.taskDefinitionArn(step.taskDefinition());
        ctx.say("Updating " + step.ecsServiceName() + " to " + StepContext.tasks(step.desiredCount()) + " of "
                + td.substring(td.lastIndexOf('/') + 1));
        ctx.updateService(step.cluster(), step.ecsServiceName(), Optional.of(td), Optional.of(step.desiredCount()),
                step.settings());
        ctx.expect(step.ecsServiceName(), td);
        return StepRunner.nothing().put("ecsService", step.ecsServiceName()).put("taskDefinitionArn", td);
    }

    static ObjectNode rolling(RollingUpdate step, StepContext ctx) {
        String td = ctx.taskDefinitionArn(step.taskDefinition());
        ctx.say("Rolling update of " + step.ecsServiceName() + " to " + td.substring(td.lastIndexOf('/') + 1)
                + (step.circuitBreaker() ? " (ECS rolls back by itself if tasks keep failing)" : ""));
        EcsServiceInfo updated = ctx.updateService(step.cluster(), step.ecsServiceName(), Optional.of(td),
                step.desiredCount(), Optional.of(step.settings()));
        // If the circuit breaker later rolls ECS back, the service's task definition no longer equals
        // this tag, so the next read describes everything again instead of trusting the tags.
        Map<String, String> tags = new TreeMap<>(step.tags());
        tags.put(Tags.TASK_DEFINITION, td);
        ctx.call(() -> {
            ctx.cloud.ecs().tagResource(updated.arn(), tags);
            return null;
        });
        ctx.expect(step.ecsServiceName(), td);
        return StepRunner.nothing().put("ecsService", step.ecsServiceName()).put("taskDefinitionArn", td);
    }
}
