package io.turnout.apply;

import io.turnout.cloud.CreateServiceRequest;
import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.LoadBalancerBinding;
import io.turnout.cloud.ServiceRegistryBinding;
import io.turnout.plan.CreateService;
import io.turnout.plan.CreateSlot;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * CreateService for a slot (or a rolling service). When the service already exists — the
 * step ran before the process died — it is updated to the same definition and count instead,
 * so running the step twice gives one service.
 */
final class CreateSlotRunner implements StepRunner<CreateSlot> {
    @Override
    public ObjectNode run(CreateSlot step, StepContext ctx) {
        String td = ctx.taskDefinitionArn(step.taskDefinition());
        create(ctx, step.cluster(), step.ecsServiceName(), td, step.desiredCount(),
                step.binding().loadBalancer().map(List::of).orElse(List.of()),
                step.binding().serviceRegistry().map(List::of).orElse(List.of()), step.settings(), step.tags(),
                "on " + step.binding().describe());
        return StepRunner.nothing().put("ecsService", step.ecsServiceName()).put("taskDefinitionArn", td);
    }

    static void create(StepContext ctx, String cluster, String name, String td, int count,
                               List<LoadBalancerBinding> lbs,
                               List<ServiceRegistryBinding> registries, JsonNode settings,
                               Map<String, String> tags, String where) {
        Optional<EcsServiceInfo> existing = ctx.findService(cluster, name);
        if (existing.isPresent()) {
            ctx.say(name + " exists already (an earlier run created it): updating it to " + StepContext.tasks(count));
            ctx.updateService(cluster, name, Optional.of(td), Optional.of(count), Optional.empty());
        } else {
            ctx.say("Creating " + name + (where.isEmpty() ? "" : " " + where) + " with " + StepContext.tasks(count));
            ctx.call(() -> ctx.cloud.ecs().createService(new CreateServiceRequest(cluster, name, td, count, lbs,
                    registries, settings, tags)));
        }
        ctx.expect(name, td);
    }
}
