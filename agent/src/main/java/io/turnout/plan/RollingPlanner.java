package io.turnout.plan;

import io.turnout.live.LiveService;
import io.turnout.live.LiveSlot;
import io.turnout.cloud.Tags;
import io.turnout.spec.AlarmGate;
import io.turnout.spec.Canary;
import io.turnout.spec.Rolling;
import io.turnout.spec.Verification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plans a rolling service: one ECS service named after the Turnout service (or the existing one
 * {@code rolling.serviceName} adopts), updated by ECS itself with the deployment circuit breaker;
 * created when absent, in the target group {@code rolling.targetGroup} names if any. A service
 * registered elsewhere than the spec says is a problem, never moved by a plan.
 */
final class RollingPlanner {
    private final PlanContext context;

    RollingPlanner(PlanContext context) {
        this.context = context;
    }

    /**
     * The service settings the strategy adds: deploymentConfiguration with the circuit breaker,
     * percentages and the verification's alarms, so that ECS itself also rolls back while it
     * replaces tasks when one of them goes to ALARM (ECS's alarm-based rollback).
     */
    static JsonNode strategySettings(Rolling rolling) {
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        ObjectNode deployment = settings.putObject("deploymentConfiguration");
        ObjectNode breaker = deployment.putObject("deploymentCircuitBreaker");
        breaker.put("enable", rolling.circuitBreaker());
        breaker.put("rollback", rolling.rollback());
        rolling.minimumHealthyPercent().ifPresent(p -> deployment.put("minimumHealthyPercent", p));
        rolling.maximumPercent().ifPresent(p -> deployment.put("maximumPercent", p));
        AlarmGate alarms = gates(rolling).alarmGate();
        if (!alarms.isEmpty()) {
            ObjectNode ecsAlarms = deployment.putObject("alarms");
            alarms.names().forEach(ecsAlarms.putArray("alarmNames")::add);
            ecsAlarms.put("enable", true);
            ecsAlarms.put("rollback", rolling.rollback());
        }
        return settings;
    }

    /** The rolling service's gates (alarms, approval); none when it has no verification. */
    static Verification gates(Rolling rolling) {
        return rolling.verification().orElse(Verification.DEFAULT);
    }

    Outcome plan(DesiredService desired, Rolling rolling, LiveService live) {
        String name = desired.name();
        String ecsName = rolling.ecsServiceName(name);
        Optional<String> imageAfter = desired.image(null);
        List<Step> steps = new ArrayList<>();
        if (live.single().isEmpty()) {
            TaskDefinitionRef td = TaskDefinitionRef.registeredByPlan(desired.family());
            steps.add(new RegisterTaskDefinition(name, desired.family(), desired.taskDefinition()));
            Gates.hook(desired, context.cluster(), ecsName, td).ifPresent(steps::add);
            steps.add(new CreateService(name, context.cluster(), ecsName, td, desired.desiredCount().orElse(1),
                    desired.settings(), CreateSlot.tags(context.tags(desired, Optional.empty())), rolling.targetGroup()));
            steps.add(new AwaitSteadyState(name, context.cluster(), ecsName, timeout()));
            return Outcome.of(new ServicePlan(name, PlanKind.BOOTSTRAP, "rolling", List.of(), steps, Optional.empty(),
                    imageAfter, List.of("first deployment: creates ECS service " + ecsName
                    + rolling.targetGroup().map(t -> " in target group " + t.targetGroup()).orElse(""))));
        }
        LiveSlot current = live.single().get();
        List<String> notes = new ArrayList<>();
        Optional<String> elsewhere = RollingTargetGroup.boundElsewhere(rolling, current.service().loadBalancers());
        if (elsewhere.isPresent()) {
            if (rolling.targetGroup().isPresent()) {
                // UpdateService could move it, but a rolling update would take the service out of its old
                // target group while the new tasks start: a person decides that, not a plan.
                return Outcome.problem(name, "ECS service " + ecsName + " is " + elsewhere.get() + ", but the spec says"
                        + " target group " + rolling.targetGroup().get().targetGroup() + " (container "
                        + rolling.targetGroup().get().containerName() + ":" + rolling.targetGroup().get().containerPort()
                        + "): fix spec.strategy.rolling to say where the service is");
            }
            notes.add(ecsName + " is " + elsewhere.get() + ", which the spec does not name: left as it is");
        }
        SlotComparison comparison = SlotComparison.of(desired, current, Optional.empty());
        Optional<String> imageBefore = Images.of(desired, current, null);
        if (comparison.isEmpty()) {
            return Outcome.of(new ServicePlan(name, PlanKind.IN_SYNC, "rolling", List.of(), List.of(), imageBefore,
                    imageAfter, notes));
        }
        if (comparison.needsDeployment()) {
            Optional<String> creationOnly = CreationOnlySettings.problem(desired, current);
            if (creationOnly.isPresent()) return Outcome.problem(name, creationOnly.get());
        }
        TaskDefinitionRef td;
        if (comparison.taskDefinition().isEmpty()) {
            td = TaskDefinitionRef.existing(desired.family(), current.taskDefinitionArn());
        } else {
            td = TaskDefinitionRef.registeredByPlan(desired.family());
            steps.add(new RegisterTaskDefinition(name, desired.family(), desired.taskDefinition()));
        }
        Verification gates = gates(rolling);
        boolean newVersion = !comparison.taskDefinition().isEmpty();
        if (newVersion) {
            Gates.hook(desired, context.cluster(), ecsName, td).ifPresent(steps::add);
            rolling.canary().ifPresent(canary -> steps.addAll(canary(desired, canary, td, gates)));
        }
        if (!newVersion || rolling.canary().isEmpty()) Gates.approval(name, ecsName, gates).ifPresent(steps::add);
        Optional<Integer> count = comparison.desiredCount().isEmpty() ? Optional.empty() : desired.desiredCount();
        steps.add(new RollingUpdate(name, context.cluster(), ecsName, td, count, desired.settings(),
                rolling.circuitBreaker(), rolling.rollback(), CreateSlot.tags(context.tags(desired, Optional.empty()))));
        steps.add(new AwaitSteadyState(name, context.cluster(), ecsName, timeout()));
        if (newVersion) Gates.watch(name, ecsName, gates).ifPresent(steps::add);
        return Outcome.of(new ServicePlan(name, PlanKind.ROLLING, "rolling", comparison.all(), steps, imageBefore,
                imageAfter, notes));
    }

    /**
     * The canary before the update: its own service with the new version, verified (task health,
     * alarms) for the bake time, approved when the gate says so, then removed.
     */
    private List<Step> canary(DesiredService desired, Canary canary, TaskDefinitionRef td, Verification gates) {
        String name = desired.name();
        String canaryName = CreateCanary.ecsServiceName(name);
        // ECS's own alarm rollback has nothing to roll a new service back to: the canary step watches them itself
        ObjectNode settings = desired.settings().deepCopy();
        settings.remove("deploymentConfiguration");
        Map<String, String> tags = new TreeMap<>(context.tags(desired, Optional.empty()));
        tags.put(Tags.CANARY, "true");
        List<Step> steps = new ArrayList<>();
        steps.add(new CreateCanary(name, context.cluster(), canaryName, td, canary.tasks(), settings, CreateSlot.tags(tags)));
        steps.add(new AwaitSteadyState(name, context.cluster(), canaryName, timeout()));
        steps.add(new VerifyCanary(name, context.cluster(), canaryName, gates.alarmGate(), canary.bakeTime()));
        Gates.approval(name, canaryName, gates).ifPresent(steps::add);
        steps.add(new RemoveCanary(name, context.cluster(), canaryName));
        return steps;
    }

    private Duration timeout() {
        return context.environment().deployment().steadyStateTimeout();
    }
}
