package io.turnout.apply;

import io.turnout.cloud.LoadBalancerBinding;
import io.turnout.cloud.Tags;
import io.turnout.plan.CreateService;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * CreateService for a rolling service, in its target group when the spec names one (looked up by
 * name: the spec has no ARN); like a slot's ({@link CreateSlotRunner}), idempotent.
 */
final class CreateServiceRunner implements StepRunner<CreateService> {
    @Override
    public ObjectNode run(CreateService step, StepContext ctx) {
        String td = ctx.taskDefinitionArn(step.taskDefinition());
        // a rolling service has no Retag step: it records the deployed task definition at creation
        Map<String, String> tags = new TreeMap<>(step.tags());
        tags.put(Tags.TASK_DEFINITION, td);
        List<LoadBalancerBinding> lbs = step.targetGroup().map(t -> List.of(new LoadBalancerBinding(
                targetGroupArn(ctx, t.targetGroup()), t.containerName(), t.containerPort()))).orElse(List.of());
        CreateSlotRunner.create(ctx, step.cluster(), step.ecsServiceName(), td, step.desiredCount(), lbs, List.of(),
                step.settings(), tags, step.targetGroup().map(t -> "in target group " + t.targetGroup()).orElse(""));
        return StepRunner.nothing().put("ecsService", step.ecsServiceName()).put("taskDefinitionArn", td);
    }

    private static String targetGroupArn(StepContext ctx, String name) {
        return ctx.call(() -> ctx.cloud.elb().describeTargetGroups(List.of(name))).getFirst().arn();
    }
}
