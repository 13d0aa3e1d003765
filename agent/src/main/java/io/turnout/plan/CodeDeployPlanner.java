package io.turnout.plan;

import io.turnout.cloud.TaskDefinitionInfo;
import io.turnout.cloud.Tags;
import io.turnout.diff.Change;
import io.turnout.live.EngineDeployment;
import io.turnout.live.LiveService;
import io.turnout.live.LiveSlot;
import io.turnout.spec.CodeDeploy;
import io.turnout.spec.Verification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plans a {@code strategy: codeDeploy} service: one ECS service (deployment controller
 * CODE_DEPLOY) under an existing CodeDeploy deployment group. A new task definition or AppSpec
 * setting is a CodeDeploy deployment (register, CreateDeployment with an AppSpec, follow it with
 * Turnout's verification); a desired count or another updatable setting is an UpdateService. A
 * deployment under way is shown instead of a diff; a revert while CodeDeploy still keeps the
 * original task set stops it with auto rollback (instant), later it is a new deployment of the
 * previous task definition, planned as a rollback.
 */
final class CodeDeployPlanner {
    /** What UpdateService may change on a CODE_DEPLOY service besides the desired count. */
    private static final Set<String> UPDATABLE = Set.of("deploymentConfiguration", "healthCheckGracePeriodSeconds",
            "placementConstraints", "placementStrategy", "enableECSManagedTags", "propagateTags");

    private final PlanContext context;

    CodeDeployPlanner(PlanContext context) {
        this.context = context;
    }

    Outcome plan(DesiredService desired, CodeDeploy strategy, LiveService live) {
        if (strategy.group().isEmpty()) return withoutGroup(desired, strategy, live);
        CodeDeploy.Group group = strategy.group().get();
        String name = desired.name();
        String ecsName = strategy.ecsServiceName(name);
        Verification verification = strategy.verification().orElse(context.environment().deployment().verification());
        Optional<String> imageAfter = desired.image(null);
        JsonNode lb = desired.settings().path("loadBalancers").path(0);
        if (live.single().isEmpty()) {
            // CreateService with CODE_DEPLOY starts the first task set itself; CodeDeploy deploys the next ones
            List<Step> steps = List.of(new RegisterTaskDefinition(name, desired.family(), desired.taskDefinition()),
                    new CreateService(name, context.cluster(), ecsName, TaskDefinitionRef.registeredByPlan(desired.family()),
                            desired.desiredCount().orElse(1), EcsEnginePlanner.withController(desired.settings(), "CODE_DEPLOY"),
                            CreateSlot.tags(context.tags(desired, Optional.empty())), Optional.empty()),
                    new AwaitSteadyState(name, context.cluster(), ecsName, timeout()));
            return Outcome.of(new ServicePlan(name, PlanKind.BOOTSTRAP, "codeDeploy", List.of(), steps, Optional.empty(), imageAfter,
                    List.of("first deployment: creates ECS service " + ecsName + " (deployment controller CODE_DEPLOY);"
                            + " deployment group " + group + " deploys the next revisions")));
        }
        LiveSlot current = live.single().get();
        Optional<String> imageBefore = Images.of(desired, current, null);
        EngineComparison comparison = EngineComparison.of(desired, current, true);
        if (live.deployment().isPresent()) {
            return underWay(desired, strategy, group, live.deployment().get(), current, comparison, verification, imageBefore);
        }
        if (comparison.isEmpty()) {
            return Outcome.of(new ServicePlan(name, PlanKind.IN_SYNC, "codeDeploy", List.of(), List.of(), imageBefore, imageAfter,
                    List.of()));
        }
        List<Step> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        PlanKind kind = PlanKind.IN_PLACE;
        if (comparison.needsCodeDeployDeployment()) {
            Map<String, String> tags = current.service().tags();
            Optional<String> previous = Optional.ofNullable(tags.get(Tags.PREVIOUS_TASK_DEFINITION))
                    .filter(td -> desired.specHash().equals(tags.get(Tags.PREVIOUS_SPEC_HASH)));
            TaskDefinitionRef td;
            if (previous.isPresent() && !comparison.taskDefinition().isEmpty()) {
                td = TaskDefinitionRef.existing(desired.family(), previous.get());
                kind = PlanKind.ROLLBACK;
                notes.add("a revert to " + td.describe() + ", which " + ecsName + " ran before its last deployment (the"
                        + " original task set is gone): a new CodeDeploy deployment of it; nothing is registered");
            } else if (comparison.taskDefinition().isEmpty()) {
                td = TaskDefinitionRef.existing(desired.family(), current.taskDefinitionArn());
                kind = PlanKind.BLUE_GREEN;
            } else {
                td = TaskDefinitionRef.registeredByPlan(desired.family());
                steps.add(new RegisterTaskDefinition(name, desired.family(), desired.taskDefinition()));
                kind = PlanKind.BLUE_GREEN;
            }
            steps.add(create(desired, strategy, group, ecsName, td, lb));
            steps.add(new FollowCodeDeployDeployment(name, context.cluster(), ecsName, group.application(),
                    group.deploymentGroup(), verification, timeout()));
        }
        Optional<JsonNode> updatable = updatable(desired.settings(), comparison);
        Optional<Integer> count = comparison.desiredCount().isEmpty() ? Optional.empty() : desired.desiredCount();
        if (updatable.isPresent() || count.isPresent()) {
            steps.add(new UpdateEngineService(name, context.cluster(), ecsName, count, updatable,
                    CreateSlot.tags(context.tags(desired, Optional.empty()))));
        }
        return Outcome.of(new ServicePlan(name, kind, "codeDeploy", comparison.all(), steps, imageBefore, imageAfter, notes));
    }

    private Outcome underWay(DesiredService desired, CodeDeploy strategy, CodeDeploy.Group group, EngineDeployment d, LiveSlot current,
                             EngineComparison comparison, Verification verification, Optional<String> imageBefore) {
        String name = desired.name();
        String ecsName = strategy.ecsServiceName(name);
        Optional<String> imageAfter = desired.image(null);
        String what = "CodeDeploy deployment " + d.id() + " under way: " + d.describe();
        boolean isTarget = d.target().map(t -> EngineComparison.diffTaskDefinition(desired, t).isEmpty()).orElse(false);
        boolean isSource = d.source().map(t -> EngineComparison.diffTaskDefinition(desired, t).isEmpty()).orElse(false);
        if (isTarget) {
            PlanKind kind = d.baking() ? PlanKind.IN_SYNC : PlanKind.IN_PROGRESS;
            String note = d.baking() ? what + "; CodeDeploy keeps " + EcsEnginePlanner.revision(d.source()) + " until its"
                    + " termination wait ends: a revert until then stops the deployment with auto rollback (instant)"
                    : what + "; it deploys this spec: nothing to add";
            return Outcome.of(new ServicePlan(name, kind, "codeDeploy", List.of(), List.of(), imageBefore, imageAfter, List.of(note)));
        }
        if (isSource) {
            List<Change> changes = d.target().map(t -> EngineComparison.diffTaskDefinition(desired, t)).orElse(List.of());
            Step stop = new StopEngineDeployment(name, "codeDeploy", context.cluster(), ecsName, d.id(),
                    EcsEnginePlanner.revision(d.source()), timeout(),
                    CreateSlot.tags(context.tags(desired, Optional.empty())));
            return Outcome.of(new ServicePlan(name, PlanKind.ROLLBACK, "codeDeploy", changes, List.of(stop), imageBefore,
                    imageAfter, List.of(what + "; the spec is the task definition it replaces, which still runs: stopping the"
                            + " deployment with auto rollback sends production back at once, nothing is registered")));
        }
        List<Step> steps = new ArrayList<>();
        steps.add(new AwaitEngineDeployment(name, "codeDeploy", context.cluster(), ecsName, d.id(), timeout()));
        Optional<TaskDefinitionInfo> after = d.target();
        List<Change> changes = after.map(t -> EngineComparison.diffTaskDefinition(desired, t)).orElse(comparison.taskDefinition());
        steps.add(new RegisterTaskDefinition(name, desired.family(), desired.taskDefinition()));
        steps.add(create(desired, strategy, group, ecsName, TaskDefinitionRef.registeredByPlan(desired.family()),
                desired.settings().path("loadBalancers").path(0)));
        steps.add(new FollowCodeDeployDeployment(name, context.cluster(), ecsName, group.application(), group.deploymentGroup(),
                verification, timeout()));
        return Outcome.of(new ServicePlan(name, PlanKind.BLUE_GREEN, "codeDeploy", changes, steps, imageBefore, imageAfter,
                List.of(what + "; this plan waits for it to end, then deploys")));
    }

    /**
     * A spec that names no deployment group (as {@code turnout import} writes one from files, which
     * cannot know it): compared with what runs, so an imported repository plans in sync, but nothing
     * can be deployed (CreateDeployment needs the group, and so does reading a deployment under way).
     */
    private Outcome withoutGroup(DesiredService desired, CodeDeploy strategy, LiveService live) {
        String name = desired.name();
        String ecsName = strategy.ecsServiceName(name);
        String fix = "add spec.strategy.codeDeploy.application and deploymentGroup (the CodeDeploy application and"
                + " deployment group " + ecsName + " is under) so that Turnout can deploy it";
        if (live.single().isEmpty()) {
            return Outcome.problem(name, "ECS service " + ecsName + " not found, and strategy codeDeploy names no"
                    + " CodeDeploy application and deployment group: " + fix);
        }
        LiveSlot current = live.single().get();
        EngineComparison comparison = EngineComparison.of(desired, current, true);
        if (!comparison.isEmpty()) {
            String fields = comparison.all().stream().map(Change::path).distinct().collect(Collectors.joining(", "));
            return Outcome.problem(name, "the spec differs from ECS service " + ecsName + " (" + fields + "), but strategy"
                    + " codeDeploy names no CodeDeploy application and deployment group to deploy it with: " + fix);
        }
        Optional<String> image = Images.of(desired, current, null);
        return Outcome.of(new ServicePlan(name, PlanKind.IN_SYNC, "codeDeploy", List.of(), List.of(), image, image,
                List.of("strategy codeDeploy names no application and deployment group: Turnout compares " + ecsName
                        + " but cannot see CodeDeploy deployments under way nor deploy a change until it does")));
    }

    private CreateCodeDeployDeployment create(DesiredService desired, CodeDeploy strategy, CodeDeploy.Group group, String ecsName,
                                              TaskDefinitionRef td, JsonNode lb) {
        return new CreateCodeDeployDeployment(desired.name(), context.cluster(), ecsName, group.application(),
                group.deploymentGroup(), strategy.deploymentConfigName(), td, lb.path("containerName").asString(),
                lb.path("containerPort").asInt(), EngineSettings.appSpecProperties(desired.settings()), strategy.hooks(),
                CreateSlot.tags(context.tags(desired, Optional.empty())));
    }

    /** The changed settings UpdateService may apply to a CODE_DEPLOY service; empty when none changed. */
    private static Optional<JsonNode> updatable(ObjectNode settings, EngineComparison comparison) {
        boolean changed = comparison.settings().stream().anyMatch(c -> UPDATABLE.stream().anyMatch(u -> c.path().startsWith("service/" + u)));
        if (!changed) return Optional.empty();
        ObjectNode out = settings.objectNode();
        for (String member : UPDATABLE) if (settings.has(member)) out.set(member, settings.get(member).deepCopy());
        return Optional.of(out);
    }

    private Duration timeout() {
        return context.environment().deployment().steadyStateTimeout();
    }
}
