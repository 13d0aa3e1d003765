package io.turnout.plan;

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
 * Plans a blue/green service: compares the desired state with the BLUE slot (where production
 * points) and chooses bootstrap, in-place, rollback (desired = the idle GREEN slot's state) or
 * a blue/green deployment through the GREEN slot.
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

        if (live.a().isEmpty() && live.b().isEmpty()) {
            if (!live.notRead().isEmpty()) return notRead(name, live.notRead().iterator().next());
            return bootstrap(desired, traffic, verification, scaling);
        }
        for (Slot slot : Slot.values()) {
            // a slot that was not read is not absent: the reader skips the idle slot when BLUE runs the spec
            if (live.slot(slot).isEmpty() && live.wasRead(slot)) {
                return Outcome.problem(name, "ECS service " + slot.ecsServiceName(name) + " not found while "
                        + slot.other().ecsServiceName(name) + " exists: a blue/green service needs both slots;"
                        + " create " + slot.ecsServiceName(name) + " (0 tasks, bound to " + traffic.binding(slot).describe()
                        + ") or delete the other to start over");
            }
        }
        Optional<Slot> blue = live.blue();
        if (blue.isEmpty()) {
            return Outcome.problem(name, "production traffic points at neither slot (" + traffic.binding(Slot.A).describe()
                    + ", " + traffic.binding(Slot.B).describe() + "): point it at the slot that should serve"
                    + " production, then plan again");
        }
        if (!live.wasRead(blue.get())) return notRead(name, blue.get());
        LiveSlot blueSlot = live.slot(blue.get()).orElseThrow();
        SlotComparison vsBlue = SlotComparison.of(desired, blueSlot, scaling);
        Optional<String> imageBefore = Images.of(desired, blueSlot, traffic.mainContainer().orElse(null));
        Optional<String> imageAfter = desired.image(traffic.mainContainer().orElse(null));
        if (!vsBlue.needsDeployment()) {
            return inPlace(desired, traffic, scaling, blueSlot, vsBlue, imageBefore, imageAfter);
        }
        if (!live.wasRead(blue.get().other())) return notRead(name, blue.get().other());
        LiveSlot greenSlot = live.slot(blue.get().other()).orElseThrow();
        SlotComparison vsGreen = SlotComparison.of(desired, greenSlot, scaling);
        boolean rollback = !vsGreen.needsDeployment();
        return deploy(desired, traffic, verification, scaling, blueSlot, greenSlot, vsBlue, vsGreen, rollback,
                imageBefore, imageAfter);
    }

    /**
     * The live state lacks a slot this plan needs: the reader skipped it because BLUE's tags
     * said it runs the desired spec. Planning on would mistake "not read" for "absent".
     */
    private static Outcome notRead(String name, Slot slot) {
        return Outcome.problem(name, "ECS service " + slot.ecsServiceName(name) + " was not read (the live state was"
                + " read for a spec this service's tags say is deployed, which differs from the one planned):"
                + " read the live state again for this spec");
    }

    private Outcome bootstrap(DesiredService desired, TrafficSteps traffic, Verification verification,
                              Optional<AutoScaling> scaling) {
        String name = desired.name();
        String a = Slot.A.ecsServiceName(name);
        String b = Slot.B.ecsServiceName(name);
        int count = bootstrapCount(desired, scaling);
        TaskDefinitionRef td = TaskDefinitionRef.registeredByPlan(desired.family());
        List<Step> steps = new ArrayList<>();
        steps.add(new RegisterTaskDefinition(name, desired.family(), desired.taskDefinition()));
        Gates.hook(desired, context.cluster(), a, td).ifPresent(steps::add);
        steps.add(new CreateSlot(name, Slot.A, context.cluster(), a, td, count, traffic.binding(Slot.A),
                desired.settings(), CreateSlot.tags(context.tags(desired, Optional.of(Slot.A)))));
        steps.add(new CreateSlot(name, Slot.B, context.cluster(), b, td, 0, traffic.binding(Slot.B),
                desired.settings(), CreateSlot.tags(context.tags(desired, Optional.of(Slot.B)))));
        steps.add(new AwaitSteadyState(name, context.cluster(), a, timeout()));
        steps.addAll(traffic.verify(Slot.A, a, verification));
        Gates.approval(name, a, verification).ifPresent(steps::add);
        steps.addAll(traffic.moveProduction(Slot.A, true));
        steps.add(new Retag(name, context.cluster(), Slot.A, a, Slot.B, b, context.commit(), desired.specHash()));
        scaling.ifPresent(s -> steps.add(new ApplyAutoScaling(name, Slot.A, context.resourceId(a), s)));
        return Outcome.of(new ServicePlan(name, PlanKind.BOOTSTRAP, traffic.mode(), List.of(), steps, Optional.empty(),
                desired.image(traffic.mainContainer().orElse(null)),
                List.of("first deployment: creates " + a + " (production) and " + b + " (idle, 0 tasks)")));
    }

    private Outcome inPlace(DesiredService desired, TrafficSteps traffic, Optional<AutoScaling> scaling,
                            LiveSlot blue, SlotComparison vsBlue, Optional<String> imageBefore,
                            Optional<String> imageAfter) {
        String name = desired.name();
        String ecsName = blue.service().name();
        List<Step> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
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

    private Outcome deploy(DesiredService desired, TrafficSteps traffic, Verification verification,
                           Optional<AutoScaling> scaling, LiveSlot blue, LiveSlot green, SlotComparison vsBlue,
                           SlotComparison vsGreen, boolean rollback, Optional<String> imageBefore,
                           Optional<String> imageAfter) {
        String name = desired.name();
        String blueName = blue.service().name();
        String greenName = green.service().name();
        List<Step> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        TaskDefinitionRef td;
        if (vsBlue.taskDefinition().isEmpty()) {
            td = TaskDefinitionRef.existing(desired.family(), blue.taskDefinitionArn());
        } else if (vsGreen.taskDefinition().isEmpty()) {
            td = TaskDefinitionRef.existing(desired.family(), green.taskDefinitionArn());
        } else {
            td = TaskDefinitionRef.registeredByPlan(desired.family());
            steps.add(new RegisterTaskDefinition(name, desired.family(), desired.taskDefinition()));
        }
        if (rollback) {
            notes.add(greenName + " (idle) already runs this definition (" + td.describe() + "): nothing is"
                    + " registered, it is scaled up and production swapped back to it");
        }
        if (!vsBlue.taskDefinition().isEmpty()) Gates.hook(desired, context.cluster(), greenName, td).ifPresent(steps::add);
        Optional<JsonNode> settings =
                vsGreen.settings().isEmpty() ? Optional.empty() : Optional.of(desired.settings());
        steps.add(new UpdateSlot(name, green.slot(), context.cluster(), greenName, td,
                newSlotCount(desired, scaling, blue), settings));
        steps.add(new AwaitSteadyState(name, context.cluster(), greenName, timeout()));
        steps.addAll(traffic.verify(green.slot(), greenName, verification));
        Gates.approval(name, greenName, verification).ifPresent(steps::add);
        steps.addAll(traffic.moveProduction(green.slot(), false));
        Gates.watch(name, greenName, verification).ifPresent(steps::add);
        steps.add(new Retag(name, context.cluster(), green.slot(), greenName, blue.slot(), blueName, context.commit(),
                desired.specHash()));
        if (scaling.isPresent()) {
            steps.add(blue.scaling().isPresent()
                    ? new MoveAutoScaling(name, blue.slot(), context.resourceId(blueName), green.slot(),
                            context.resourceId(greenName), scaling.get())
                    : new ApplyAutoScaling(name, green.slot(), context.resourceId(greenName), scaling.get()));
        } else if (blue.scaling().isPresent()) {
            steps.add(new RemoveAutoScaling(name, blue.slot(), context.resourceId(blueName)));
        }
        if (context.environment().deployment().downsizeOldSlot()) {
            steps.add(new Downsize(name, blue.slot(), context.cluster(), blueName,
                    context.environment().deployment().downsizeDelay()));
        } else {
            notes.add(blueName + " keeps its tasks after the swap (deployment.downsizeOldSlot is false)");
        }
        PlanKind kind = rollback ? PlanKind.ROLLBACK : PlanKind.BLUE_GREEN;
        return Outcome.of(new ServicePlan(name, kind, traffic.mode(), vsBlue.all(), steps, imageBefore, imageAfter,
                notes));
    }

    /** A new slot starts with what production runs now (auto scaling's choice) kept inside the bounds. */
    private static int newSlotCount(DesiredService desired, Optional<AutoScaling> scaling, LiveSlot blue) {
        if (scaling.isPresent()) {
            return Math.clamp(blue.service().desiredCount(), scaling.get().minCapacity(), scaling.get().maxCapacity());
        }
        return desired.desiredCount().orElse(blue.service().desiredCount());
    }

    private static int bootstrapCount(DesiredService desired, Optional<AutoScaling> scaling) {
        if (scaling.isPresent()) {
            int min = scaling.get().minCapacity();
            return Math.clamp(desired.desiredCount().orElse(min), min, scaling.get().maxCapacity());
        }
        // CreateService needs a count for REPLICA services; one task is the least that can be verified
        return desired.desiredCount().orElse(1);
    }

    private Duration timeout() {
        return context.environment().deployment().steadyStateTimeout();
    }
}
