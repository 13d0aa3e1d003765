package io.turnout.plan;

import io.turnout.cloud.TargetGroupInfo;
import io.turnout.live.LiveElb;
import io.turnout.live.LiveService;
import io.turnout.live.LiveSlot;
import io.turnout.spec.AutoScaling;
import io.turnout.spec.BlueGreen;
import io.turnout.spec.Slot;
import io.turnout.spec.Verification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Plans a blue/green service: compares the desired state with the BLUE slot (the one serving
 * production) and chooses in-place, rollback (desired = the idle GREEN slot's state) or a
 * blue/green deployment through the GREEN slot — created when it does not exist yet, as for an
 * adopted service that had no second slot. While no slot serves production the plan is a
 * {@link FirstDeployment}. The slots may be existing ECS services the spec adopts; they are
 * updated, never deleted or recreated.
 */
final class BlueGreenPlanner {
    private final PlanContext context;

    BlueGreenPlanner(PlanContext context) {
        this.context = context;
    }

    Outcome plan(DesiredService desired, BlueGreen strategy, LiveService live) {
        String name = desired.name();
        TrafficSteps.Result trafficResult = TrafficSteps.of(name, strategy.traffic(), live.traffic());
        if (trafficResult.problem().isPresent()) return Outcome.problem(name, trafficResult.problem().get());
        TrafficSteps traffic = trafficResult.steps().orElseThrow();
        Verification verification = strategy.verification().orElse(context.environment().deployment().verification());
        Optional<AutoScaling> scaling = strategy.autoScaling();
        if (live.servingProblem().isPresent()) return Outcome.problem(name, live.servingProblem().get());

        Optional<Slot> serving = live.blue().filter(s -> live.slot(s).isPresent());
        if (serving.isEmpty()) {
            // a slot that was not read is not absent: the reader skips the idle slot when BLUE runs the spec
            if (!live.notRead().isEmpty()) return notRead(name, live, live.notRead().iterator().next());
            for (Slot slot : Slot.values()) {
                Optional<String> detached = live.slot(slot).isPresent() ? Optional.empty() : detachedTargetGroup(live, slot);
                if (detached.isPresent()) return Outcome.problem(name, detached.get());
            }
            return new FirstDeployment(context, desired, traffic, verification, scaling, live).plan();
        }
        LiveSlot blueSlot = live.slot(serving.get()).orElseThrow();
        Optional<String> blueElsewhere = traffic.boundElsewhere(blueSlot.slot(), blueSlot.service());
        if (blueElsewhere.isPresent()) {
            // The swap moves production by the spec's bindings: with BLUE bound elsewhere it would move the wrong way.
            return Outcome.problem(name, "ECS service " + blueSlot.service().name() + " serves production as slot "
                    + blueSlot.slot().id() + " but is " + blueElsewhere.get() + ", while the spec binds slot "
                    + blueSlot.slot().id() + " to " + traffic.binding(blueSlot.slot()).describe() + ": change the spec so"
                    + " that slot " + blueSlot.slot().id() + " is bound where " + blueSlot.service().name() + " is (swap"
                    + " the slots or the two target groups / Cloud Map services)");
        }
        SlotComparison vsBlue = SlotComparison.of(desired, blueSlot, scaling);
        Optional<String> imageBefore = Images.of(desired, blueSlot, traffic.mainContainer().orElse(null));
        Optional<String> imageAfter = desired.image(traffic.mainContainer().orElse(null));
        Slot greenId = serving.get().other();
        List<String> notes = new ArrayList<>(traffic.notes());
        if (!vsBlue.needsDeployment()) {
            if (live.wasRead(greenId) && live.slot(greenId).isEmpty()) {
                notes.add(live.slotName(greenId) + " (slot " + greenId.id() + ") does not exist yet: the next deployment"
                        + " creates it on " + traffic.binding(greenId).describe());
            }
            return inPlace(desired, traffic, scaling, blueSlot, vsBlue, imageBefore, imageAfter, notes);
        }
        if (!live.wasRead(greenId)) return notRead(name, live, greenId);
        Optional<LiveSlot> green = live.slot(greenId);
        Optional<SlotBinding> rebind = Optional.empty();
        if (green.isPresent()) {
            IdleSlotUpdate update = IdleSlotUpdate.of(desired, traffic, green.get());
            if (update.problem().isPresent()) return Outcome.problem(name, update.problem().get());
            rebind = update.rebind();
            update.note().ifPresent(notes::add);
        } else {
            Optional<String> detached = detachedTargetGroup(live, greenId);
            if (detached.isPresent()) return Outcome.problem(name, detached.get());
        }
        return deploy(new Deployment(desired, traffic, verification, scaling, blueSlot, greenId, green, rebind, vsBlue,
                imageBefore, imageAfter, notes), live);
    }

    /**
     * A slot that does not exist yet is created on its target group, and ECS refuses CreateService
     * on a target group no listener or rule of a load balancer forwards to ("The target group …
     * does not have an associated load balancer"): said before anything is created.
     */
    private static Optional<String> detachedTargetGroup(LiveService live, Slot slot) {
        if (!(live.traffic().orElse(null) instanceof LiveElb elb)) return Optional.empty();
        TargetGroupInfo tg = elb.targetGroups().get(slot);
        if (!tg.loadBalancerArns().isEmpty()) return Optional.empty();
        return Optional.of("target group " + tg.name() + " is not attached to load balancer " + elb.loadBalancer().name()
                + " (no listener or rule forwards to it), and ECS refuses to create a service on it (\"The target group"
                + " does not have an associated load balancer\"): make a listener or rule of " + elb.loadBalancer().name()
                + " forward to " + tg.name() + " (e.g. the stage listener's default action), then plan again");
    }

    /**
     * The live state lacks a slot this plan needs: the reader skipped it because BLUE's tags
     * said it runs the desired spec. Planning on would mistake "not read" for "absent".
     */
    private static Outcome notRead(String name, LiveService live, Slot slot) {
        return Outcome.problem(name, "ECS service " + live.slotName(slot) + " was not read (the live state was"
                + " read for a spec this service's tags say is deployed, which differs from the one planned):"
                + " read the live state again for this spec");
    }

    private Outcome inPlace(DesiredService desired, TrafficSteps traffic, Optional<AutoScaling> scaling,
                            LiveSlot blue, SlotComparison vsBlue, Optional<String> imageBefore,
                            Optional<String> imageAfter, List<String> notes) {
        String name = desired.name();
        String ecsName = blue.service().name();
        List<Step> steps = new ArrayList<>();
        Optional<Integer> count = vsBlue.desiredCount().isEmpty() ? Optional.empty() : desired.desiredCount();
        Optional<AutoScaling> newScaling = vsBlue.autoScaling().isEmpty() ? Optional.empty() : scaling;
        if (count.isPresent() || newScaling.isPresent()) {
            steps.add(new UpdateInPlace(name, blue.slot(), context.cluster(), ecsName, count, newScaling,
                    context.resourceId(ecsName)));
        }
        if (scaling.isEmpty() && blue.scaling().isPresent()) {
            steps.add(new RemoveAutoScaling(name, blue.slot(), context.resourceId(ecsName)));
        }
        if (scaling.isPresent() && desired.desiredCount().isPresent()
                && desired.desiredCount().get() != blue.service().desiredCount()) {
            notes.add("desiredCount " + desired.desiredCount().get() + " not applied: auto scaling manages the task"
                    + " count of " + ecsName + " (now " + blue.service().desiredCount() + ")");
        }
        PlanKind kind = steps.isEmpty() ? PlanKind.IN_SYNC : PlanKind.IN_PLACE;
        return Outcome.of(new ServicePlan(name, kind, traffic.mode(), vsBlue.all(), steps, imageBefore, imageAfter,
                notes));
    }

    /** What one deployment through the GREEN slot starts from; {@code green} is empty when that slot is still to be created. */
    private record Deployment(DesiredService desired, TrafficSteps traffic, Verification verification,
                              Optional<AutoScaling> scaling, LiveSlot blue, Slot greenId, Optional<LiveSlot> green,
                              Optional<SlotBinding> rebind, SlotComparison vsBlue, Optional<String> imageBefore,
                              Optional<String> imageAfter, List<String> notes) {}

    private Outcome deploy(Deployment d, LiveService live) {
        DesiredService desired = d.desired();
        String name = desired.name();
        String blueName = d.blue().service().name();
        String greenName = live.slotName(d.greenId());
        List<Step> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>(d.notes());
        Optional<SlotComparison> vsGreen = d.green().map(g -> SlotComparison.of(desired, g, d.scaling()));
        boolean rollback = vsGreen.isPresent() && !vsGreen.get().needsDeployment();
        TaskDefinitionRef td;
        if (d.vsBlue().taskDefinition().isEmpty()) {
            td = TaskDefinitionRef.existing(desired.family(), d.blue().taskDefinitionArn());
        } else if (vsGreen.isPresent() && vsGreen.get().taskDefinition().isEmpty()) {
            td = TaskDefinitionRef.existing(desired.family(), d.green().get().taskDefinitionArn());
        } else {
            td = TaskDefinitionRef.registeredByPlan(desired.family());
            steps.add(new RegisterTaskDefinition(name, desired.family(), desired.taskDefinition()));
        }
        int count = newSlotCount(desired, d.scaling(), d.blue());
        if (!d.vsBlue().taskDefinition().isEmpty()) {
            Gates.hook(desired, context.cluster(), greenName, td).ifPresent(steps::add);
        }
        steps.addAll(d.traffic().prepare(d.greenId()));
        if (d.green().isEmpty()) {
            notes.add(greenName + " (slot " + d.greenId().id() + ") does not exist yet: it is created on "
                    + d.traffic().binding(d.greenId()).describe() + ", verified, then production moves to it");
            steps.add(new CreateSlot(name, d.greenId(), context.cluster(), greenName, td, count,
                    d.traffic().binding(d.greenId()), desired.settings(),
                    CreateSlot.tags(context.tags(desired, Optional.of(d.greenId())))));
        } else {
            if (rollback) {
                notes.add(greenName + " (idle) already runs this definition (" + td.describe() + "): nothing is"
                        + " registered, it is scaled up and production swapped back to it");
            }
            Optional<JsonNode> settings = vsGreen.get().settings().isEmpty() ? Optional.empty() : Optional.of(desired.settings());
            steps.add(new UpdateSlot(name, d.greenId(), context.cluster(), greenName, td, count, settings, d.rebind()));
        }
        steps.add(new AwaitSteadyState(name, context.cluster(), greenName, timeout()));
        steps.addAll(d.traffic().verify(d.greenId(), greenName, d.verification()));
        Gates.approval(name, greenName, d.verification()).ifPresent(steps::add);
        steps.addAll(d.traffic().moveProduction(d.greenId(), false));
        Gates.watch(name, greenName, d.verification()).ifPresent(steps::add);
        steps.add(new Retag(name, context.cluster(), d.greenId(), greenName, d.blue().slot(), blueName, context.commit(),
                desired.specHash()));
        if (d.scaling().isPresent()) {
            steps.add(d.blue().scaling().isPresent()
                    ? new MoveAutoScaling(name, d.blue().slot(), context.resourceId(blueName), d.greenId(),
                            context.resourceId(greenName), d.scaling().get())
                    : new ApplyAutoScaling(name, d.greenId(), context.resourceId(greenName), d.scaling().get()));
        } else if (d.blue().scaling().isPresent()) {
            steps.add(new RemoveAutoScaling(name, d.blue().slot(), context.resourceId(blueName)));
        }
        if (context.environment().deployment().downsizeOldSlot()) {
            steps.add(new Downsize(name, d.blue().slot(), context.cluster(), blueName,
                    context.environment().deployment().downsizeDelay()));
        } else {
            notes.add(blueName + " keeps its tasks after the swap (deployment.downsizeOldSlot is false)");
        }
        PlanKind kind = rollback ? PlanKind.ROLLBACK : PlanKind.BLUE_GREEN;
        return Outcome.of(new ServicePlan(name, kind, d.traffic().mode(), d.vsBlue().all(), steps, d.imageBefore(),
                d.imageAfter(), notes));
    }

    /** A new slot starts with what production runs now (auto scaling's choice) kept inside the bounds. */
    private static int newSlotCount(DesiredService desired, Optional<AutoScaling> scaling, LiveSlot blue) {
        if (scaling.isPresent()) {
            return Math.clamp(blue.service().desiredCount(), scaling.get().minCapacity(), scaling.get().maxCapacity());
        }
        return desired.desiredCount().orElse(blue.service().desiredCount());
    }

    private Duration timeout() {
        return context.environment().deployment().steadyStateTimeout();
    }
}
