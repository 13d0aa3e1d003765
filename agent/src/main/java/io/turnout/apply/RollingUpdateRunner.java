package io.turnout.apply;

import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.Tags;
import io.turnout.plan.RollingUpdate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/** A rolling service's update: UpdateService, and ECS replaces the tasks itself under the deployment circuit breaker. */
final class RollingUpdateRunner implements StepRunner<RollingUpdate> {
    @Override
    public ObjectNode run(RollingUpdate step, StepContext ctx) {
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
