package io.turnout.apply;

import io.turnout.plan.UpdateInPlace;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** Carries out {@link UpdateInPlace} steps. */
final class UpdateInPlaceRunner implements StepRunner<UpdateInPlace> {
    @Override
    public ObjectNode run(UpdateInPlace step, StepContext ctx) {
        step.desiredCount().ifPresent(n -> {
            ctx.say("Setting " + step.ecsServiceName() + " to " + StepContext.tasks(n));
            ctx.updateService(step.cluster(), step.ecsServiceName(), Optional.empty(), Optional.of(n), Optional.empty());
        });
        step.autoScaling().ifPresent(a -> {
            ctx.say("Updating auto scaling of " + step.resourceId());
            AutoScalingCalls.apply(ctx, step.resourceId(), a);
        });
        return StepRunner.nothing();
    }
}
