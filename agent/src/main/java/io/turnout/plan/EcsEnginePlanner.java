package io.turnout.plan;

import io.turnout.cloud.Tags;
import io.turnout.cloud.TaskDefinitionInfo;
import io.turnout.diff.Change;
import io.turnout.live.EngineDeployment;
import io.turnout.live.LiveService;
import io.turnout.live.LiveSlot;
import io.turnout.spec.EcsNative;
import io.turnout.spec.Verification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plans a {@code strategy: ecs} service: one ECS service that ECS deploys itself (BLUE_GREEN,
 * LINEAR, CANARY or ROLLING). Bootstrap creates it; a change registers the task definition,
 * updates the service and follows the service deployment with Turnout's verification. While a
 * deployment is under way the plan shows it instead of a diff: when it deploys the desired spec
 * there is nothing to do; when the desired spec is the revision it moves away from (a revert)
 * the plan stops it with ROLLBACK — instant, ECS still runs that revision; otherwise the plan
 * waits for it to end, then deploys. A revert after the deployment (and its bake time) ended is a
 * new deployment of the previous task definition, planned as a rollback: nothing is registered.
 */
final class EcsEnginePlanner {
    private final PlanContext context;

    EcsEnginePlanner(PlanContext context) {
        this.context = context;
    }

    Outcome plan(DesiredService desired, EcsNative strategy, LiveService live) {
        String name = desired.name();
        String ecsName = strategy.ecsServiceName(name);
        String ecsStrategy = EngineSettings.strategy(desired.settings());
        String mode = "ecs " + ecsStrategy;
        Verification verification = strategy.verification().orElse(context.environment().deployment().verification());
        Optional<String> imageAfter = desired.image(null);
        Map<String, String> tags = context.tags(desired, Optional.empty());
        if (live.single().isEmpty()) {
            List<Step> steps = new ArrayList<>();
            steps.add(new RegisterTaskDefinition(name, desired.family(), desired.taskDefinition()));
            steps.add(new CreateService(name, context.cluster(), ecsName, TaskDefinitionRef.registeredByPlan(desired.family()),
                    desired.desiredCount().orElse(1), withController(desired.settings(), "ECS"), CreateSlot.tags(tags), Optional.empty()));
            steps.add(follow(name, ecsName, ecsStrategy, desired, verification));
            return Outcome.of(new ServicePlan(name, PlanKind.BOOTSTRAP, mode, List.of(), steps, Optional.empty(), imageAfter,
                    List.of("first deployment: creates ECS service " + ecsName + " (deployment controller ECS, strategy "
                            + ecsStrategy + "); ECS's first deployment shifts no traffic")));
        }
        LiveSlot current = live.single().get();
        Optional<String> imageBefore = Images.of(desired, current, null);
        if (live.deployment().isPresent()) return underWay(desired, strategy, live.deployment().get(), current, verification, imageBefore);
        EngineComparison comparison = EngineComparison.of(desired, current, false);
        if (comparison.isEmpty()) {
            return Outcome.of(new ServicePlan(name, PlanKind.IN_SYNC, mode, List.of(), List.of(), imageBefore, imageAfter, List.of()));
        }
        List<Step> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        PlanKind kind = deploy(desired, current, comparison, ecsName, ecsStrategy, verification, steps, notes);
        return Outcome.of(new ServicePlan(name, kind, mode, comparison.all(), steps, imageBefore, imageAfter, notes));
    }

    /** The steps of a new deployment (appended to {@code steps}); the plan kind. */
    private PlanKind deploy(DesiredService desired, LiveSlot current, EngineComparison comparison, String ecsName,
                            String ecsStrategy, Verification verification, List<Step> steps, List<String> notes) {
        String name = desired.name();
        Map<String, String> tags = current.service().tags();
        Optional<String> previous = Optional.ofNullable(tags.get(Tags.PREVIOUS_TASK_DEFINITION))
                .filter(td -> desired.specHash().equals(tags.get(Tags.PREVIOUS_SPEC_HASH)));
        TaskDefinitionRef td;
        PlanKind kind;
        if (previous.isPresent() && !comparison.taskDefinition().isEmpty()) {
            td = TaskDefinitionRef.existing(desired.family(), previous.get());
            kind = PlanKind.ROLLBACK;
            notes.add("a revert to " + td.describe() + ", which " + ecsName + " ran before its last deployment (now over, with"
                    + " its bake time): a new ECS " + ecsStrategy + " deployment of it; nothing is registered");
        } else if (comparison.taskDefinition().isEmpty()) {
            td = TaskDefinitionRef.existing(desired.family(), current.taskDefinitionArn());
            kind = comparison.settings().isEmpty() ? PlanKind.IN_PLACE : kind(ecsStrategy);
        } else {
            td = TaskDefinitionRef.registeredByPlan(desired.family());
            steps.add(new RegisterTaskDefinition(name, desired.family(), desired.taskDefinition()));
            kind = kind(ecsStrategy);
        }
        Optional<Integer> count = comparison.desiredCount().isEmpty() ? Optional.empty() : desired.desiredCount();
        steps.add(new StartEcsDeployment(name, context.cluster(), ecsName, td, count, desired.settings(), ecsStrategy,
                CreateSlot.tags(context.tags(desired, Optional.empty()))));
        steps.add(follow(name, ecsName, ecsStrategy, desired, verification));
        return kind;
    }

    /** A deployment is under way: nothing to do, stop it (a revert), or wait for it and then deploy. */
    private Outcome underWay(DesiredService desired, EcsNative strategy, EngineDeployment d, LiveSlot current,
                             Verification verification, Optional<String> imageBefore) {
        String name = desired.name();
        String ecsName = strategy.ecsServiceName(name);
        String ecsStrategy = EngineSettings.strategy(desired.settings());
        String mode = "ecs " + ecsStrategy;
        Optional<String> imageAfter = desired.image(null);
        String what = "ECS deployment " + StopEngineDeployment.shortId(d.id()) + " under way: " + d.describe();
        boolean settingsSame = EngineComparison.of(desired, current, false).settings().isEmpty();
        boolean isTarget = d.target().map(t -> EngineComparison.diffTaskDefinition(desired, t).isEmpty()).orElse(false);
        boolean isSource = d.source().map(t -> EngineComparison.diffTaskDefinition(desired, t).isEmpty()).orElse(false);
        if (!d.rollingBack() && isTarget && settingsSame) {
            PlanKind kind = d.baking() ? PlanKind.IN_SYNC : PlanKind.IN_PROGRESS;
            String note = d.baking() ? what + "; ECS keeps " + revision(d.source()) + " until the bake time ends: a revert"
                    + " until then stops the deployment with ROLLBACK (instant)" : what + "; it deploys this spec: nothing to add";
            return Outcome.of(new ServicePlan(name, kind, mode, List.of(), List.of(), imageBefore, imageAfter, List.of(note)));
        }
        if (!d.rollingBack() && isSource && settingsSame) {
            List<Change> changes = d.target().map(t -> EngineComparison.diffTaskDefinition(desired, t)).orElse(List.of());
            Step stop = new StopEngineDeployment(name, "ecs", context.cluster(), ecsName, d.id(), revision(d.source()), timeout(),
                    CreateSlot.tags(context.tags(desired, Optional.empty())));
            return Outcome.of(new ServicePlan(name, PlanKind.ROLLBACK, mode, changes, List.of(stop), imageBefore, imageAfter,
                    List.of(what + "; the spec is the revision it replaces, which ECS still runs: stopping the deployment"
                            + " with ROLLBACK sends production back at once, nothing is registered")));
        }
        List<Step> steps = new ArrayList<>();
        steps.add(new AwaitEngineDeployment(name, "ecs", context.cluster(), ecsName, d.id(), timeout().plus(EngineSettings
                .plannedShift(desired.settings()))));
        List<String> notes = new ArrayList<>(List.of(what + "; this plan waits for it to end, then deploys"));
        // once it ends the service runs its target (or, rolling back, its source): the change is against that
        Optional<TaskDefinitionInfo> after = d.rollingBack() ? d.source() : d.target();
        boolean tdSame = after.map(t -> EngineComparison.diffTaskDefinition(desired, t).isEmpty()).orElse(false);
        List<Change> changes = new ArrayList<>(after.map(t -> EngineComparison.diffTaskDefinition(desired, t)).orElse(List.of()));
        changes.addAll(EngineComparison.of(desired, current, false).settings());
        if (tdSame && settingsSame) {
            return Outcome.of(new ServicePlan(name, PlanKind.IN_PROGRESS, mode, List.of(), steps, imageBefore, imageAfter, notes));
        }
        TaskDefinitionRef td;
        if (tdSame) {
            td = TaskDefinitionRef.existing(desired.family(), after.get().arn());
        } else {
            td = TaskDefinitionRef.registeredByPlan(desired.family());
            steps.add(new RegisterTaskDefinition(name, desired.family(), desired.taskDefinition()));
        }
        steps.add(new StartEcsDeployment(name, context.cluster(), ecsName, td, desired.desiredCount(), desired.settings(),
                ecsStrategy, CreateSlot.tags(context.tags(desired, Optional.empty()))));
        steps.add(follow(name, ecsName, ecsStrategy, desired, verification));
        return Outcome.of(new ServicePlan(name, kind(ecsStrategy), mode, changes, steps, imageBefore, imageAfter, notes));
    }

    private FollowEcsDeployment follow(String name, String ecsName, String ecsStrategy, DesiredService desired,
                                       Verification verification) {
        // the whole deployment: scaling up and each stage may take a stage's time, plus the shift's planned waits
        return new FollowEcsDeployment(name, context.cluster(), ecsName, ecsStrategy, verification,
                EngineSettings.testListenerRule(desired.settings()), EngineSettings.alarms(desired.settings()),
                timeout().multipliedBy(2).plus(EngineSettings.plannedShift(desired.settings())), timeout());
    }

    static PlanKind kind(String ecsStrategy) {
        return ecsStrategy.equals("ROLLING") ? PlanKind.ROLLING : PlanKind.BLUE_GREEN;
    }

    static String revision(Optional<TaskDefinitionInfo> td) {
        return td.map(t -> t.family() + ":" + t.revision()).orElse("the previous revision");
    }

    /** The settings of a service created for an engine: the spec's, with the deployment controller it needs. */
    static ObjectNode withController(ObjectNode settings, String controller) {
        ObjectNode s = settings.deepCopy();
        s.putObject("deploymentController").put("type", controller);
        return s;
    }

    private Duration timeout() {
        return context.environment().deployment().steadyStateTimeout();
    }
}
