package io.turnout.apply;

import io.turnout.plan.SlotBinding;
import io.turnout.plan.UpdateSlot;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * UpdateService on the GREEN slot: new task definition and desired count (the plan already
 * chose "same as BLUE runs" when the spec sets no count), plus the spec's updatable service
 * settings when they differ.
 */
final class UpdateSlotRunner implements StepRunner<UpdateSlot> {
    @Override
    public ObjectNode run(UpdateSlot step, StepContext ctx) {
        String td = ctx.taskDefinitionArn(step.taskDefinition());
        ctx.say("Updating " + step.ecsServiceName() + " to " + StepContext.tasks(step.desiredCount()) + " of "
                + td.substring(td.lastIndexOf('/') + 1));
        step.rebind().ifPresent(b -> ctx.say("Moving " + step.ecsServiceName() + " to " + b.describe()
                + ": its new tasks register there, never where production points"));
        ctx.updateService(step.cluster(), step.ecsServiceName(), Optional.of(td), Optional.of(step.desiredCount()),
                step.settings(), step.rebind().flatMap(SlotBinding::loadBalancer).map(List::of));
        ctx.expect(step.ecsServiceName(), td);
        return StepRunner.nothing().put("ecsService", step.ecsServiceName()).put("taskDefinitionArn", td);
    }
}
