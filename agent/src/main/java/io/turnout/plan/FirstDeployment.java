package io.turnout.plan;

import io.turnout.live.LiveService;
import io.turnout.live.LiveSlot;
import io.turnout.spec.AutoScaling;
import io.turnout.spec.Slot;
import io.turnout.spec.Verification;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The plan of a blue/green service no slot of which serves production yet: a bootstrap is a
 * blue/green deployment whose old BLUE is empty. Production may already point at one slot's
 * target group (a load balancer is usually created forwarding to one) or at something else
 * altogether; either way the new slot is the one production does <b>not</b> point at, it is
 * verified through stage, and only then does production move to it (DESIGN.md, invariant 1).
 * The other slot is created with 0 tasks when it does not exist, so that the next deployment
 * has somewhere to go; an existing one (an adopted service) is kept, never replaced.
 */
final class FirstDeployment {
    private final PlanContext context;
    private final DesiredService desired;
    private final TrafficSteps traffic;
    private final Verification verification;
    private final Optional<AutoScaling> scaling;
    private final LiveService live;

    FirstDeployment(PlanContext context, DesiredService desired, TrafficSteps traffic, Verification verification,
                    Optional<AutoScaling> scaling, LiveService live) {
        this.context = context;
        this.desired = desired;
        this.traffic = traffic;
        this.verification = verification;
        this.scaling = scaling;
        this.live = live;
    }

    Outcome plan() {
        String name = desired.name();
        // never the slot whose target group (or record) production points at: its tasks would serve unverified
        Optional<Slot> pointedAt = live.pointedAt();
        Slot target = pointedAt.map(Slot::other).orElse(Slot.A);
        Slot idle = target.other();
        String targetName = live.slotName(target);
        String idleName = live.slotName(idle);
        Optional<LiveSlot> existing = live.slot(target);
        Optional<LiveSlot> other = live.slot(idle);
        List<String> notes = new ArrayList<>(traffic.notes());
        Optional<SlotBinding> rebind = Optional.empty();
        if (existing.isPresent()) {
            IdleSlotUpdate update = IdleSlotUpdate.of(desired, traffic, existing.get());
            if (update.problem().isPresent()) return Outcome.problem(name, update.problem().get());
            rebind = update.rebind();
            update.note().ifPresent(notes::add);
        }
        List<Step> steps = new ArrayList<>();
        TaskDefinitionRef td = taskDefinition(existing, other, steps);
        int count = bootstrapCount();
        Gates.hook(desired, context.cluster(), targetName, td).ifPresent(steps::add);
        steps.addAll(traffic.prepare(target));
        if (existing.isPresent()) {
            Optional<JsonNode> settings = SlotComparison.of(desired, existing.get(), scaling).settings().isEmpty()
                    ? Optional.empty() : Optional.of(desired.settings());
            steps.add(new UpdateSlot(name, target, context.cluster(), targetName, td, count, settings, rebind));
        } else {
            steps.add(new CreateSlot(name, target, context.cluster(), targetName, td, count, traffic.binding(target),
                    desired.settings(), CreateSlot.tags(context.tags(desired, Optional.of(target)))));
        }
        if (other.isEmpty()) {
            steps.add(new CreateSlot(name, idle, context.cluster(), idleName, td, 0, traffic.binding(idle),
                    desired.settings(), CreateSlot.tags(context.tags(desired, Optional.of(idle)))));
        }
        steps.add(new AwaitSteadyState(name, context.cluster(), targetName, context.environment().deployment().steadyStateTimeout()));
        steps.addAll(traffic.verify(target, targetName, verification));
        Gates.approval(name, targetName, verification).ifPresent(steps::add);
        steps.addAll(traffic.moveProduction(target, true));
        steps.add(new Retag(name, context.cluster(), target, targetName, idle, idleName, context.commit(), desired.specHash()));
        scaling.ifPresent(s -> steps.add(new ApplyAutoScaling(name, target, context.resourceId(targetName), s)));
        if (other.isPresent() && other.get().service().desiredCount() > 0) {
            // an existing idle slot that runs tasks although production does not reach it: scale it down like an old BLUE
            if (other.get().scaling().isPresent()) {
                steps.add(new RemoveAutoScaling(name, idle, context.resourceId(idleName)));
            }
            if (context.environment().deployment().downsizeOldSlot()) {
                steps.add(new Downsize(name, idle, context.cluster(), idleName, context.environment().deployment().downsizeDelay()));
            }
        }
        notes.add(0, describe(pointedAt, target, targetName, existing.isPresent(), idleName, other.isPresent()));
        return Outcome.of(new ServicePlan(name, PlanKind.BOOTSTRAP, traffic.mode(), List.of(), steps, Optional.empty(),
                desired.image(traffic.mainContainer().orElse(null)), notes));
    }

    /** An existing slot's revision when it already runs the spec's task definition; else a new one is registered. */
    private TaskDefinitionRef taskDefinition(Optional<LiveSlot> existing, Optional<LiveSlot> other, List<Step> steps) {
        for (Optional<LiveSlot> slot : List.of(existing, other)) {
            if (slot.isPresent() && SlotComparison.of(desired, slot.get(), scaling).taskDefinition().isEmpty()) {
                return TaskDefinitionRef.existing(desired.family(), slot.get().taskDefinitionArn());
            }
        }
        steps.add(new RegisterTaskDefinition(desired.name(), desired.family(), desired.taskDefinition()));
        return TaskDefinitionRef.registeredByPlan(desired.family());
    }

    private int bootstrapCount() {
        if (scaling.isPresent()) {
            int min = scaling.get().minCapacity();
            return Math.clamp(desired.desiredCount().orElse(min), min, scaling.get().maxCapacity());
        }
        // CreateService needs a count for REPLICA services; one task is the least that can be verified
        return desired.desiredCount().orElse(1);
    }

    private String describe(Optional<Slot> pointedAt, Slot target, String targetName, boolean targetExists,
                            String idleName, boolean idleExists) {
        String where = traffic.binding(target).describe();
        String first = "first deployment: " + (targetExists ? "updates " : "creates ") + targetName + " on " + where
                + (pointedAt.isPresent() ? " (production points at " + traffic.binding(target.other()).describe()
                + ", so the new slot goes on the other one)" : "");
        String rest = idleExists ? "; " + idleName + " is kept" : " and " + idleName + " (idle, 0 tasks)";
        return first + rest + "; production moves to " + targetName + " once it is verified";
    }
}
