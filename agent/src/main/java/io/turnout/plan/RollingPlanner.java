package io.turnout.plan;

import io.turnout.cloud.LoadBalancerBinding;
import io.turnout.live.LiveService;
import io.turnout.live.LiveSlot;
import io.turnout.spec.Rolling;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plans a rolling service: one ECS service (named after the Turnout service, or the existing
 * one the spec names), updated by ECS itself with the deployment circuit breaker; created when
 * absent, in its target group when the spec names one.
 */
final class RollingPlanner {
    private final PlanContext context;

    RollingPlanner(PlanContext context) {
        this.context = context;
    }

    /** The service settings the strategy adds: deploymentConfiguration with the circuit breaker and percentages. */
    static JsonNode strategySettings(Rolling rolling) {
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        ObjectNode deployment = settings.putObject("deploymentConfiguration");
        ObjectNode breaker = deployment.putObject("deploymentCircuitBreaker");
        breaker.put("enable", rolling.circuitBreaker());
        breaker.put("rollback", rolling.rollback());
        rolling.minimumHealthyPercent().ifPresent(p -> deployment.put("minimumHealthyPercent", p));
        rolling.maximumPercent().ifPresent(p -> deployment.put("maximumPercent", p));
        return settings;
    }

    Outcome plan(DesiredService desired, Rolling rolling, LiveService live) {
        String name = desired.name();
        String ecsName = rolling.ecsServiceName(name);
        Optional<String> imageAfter = desired.image(null);
        List<Step> steps = new ArrayList<>();
        if (live.single().isEmpty()) {
            TaskDefinitionRef td = TaskDefinitionRef.registeredByPlan(desired.family());
            steps.add(new RegisterTaskDefinition(name, desired.family(), desired.taskDefinition()));
            steps.add(new CreateService(name, context.cluster(), ecsName, td, desired.desiredCount().orElse(1),
                    desired.settings(), CreateSlot.tags(context.tags(desired, Optional.empty())), rolling.targetGroup()));
            steps.add(new AwaitSteadyState(name, context.cluster(), ecsName, timeout()));
            return Outcome.of(new ServicePlan(name, PlanKind.BOOTSTRAP, "rolling", List.of(), steps, Optional.empty(),
                    imageAfter, List.of("first deployment: creates ECS service " + ecsName
                    + rolling.targetGroup().map(t -> " in target group " + t.targetGroup()).orElse(""))));
        }
        LiveSlot current = live.single().get();
        List<String> notes = new ArrayList<>();
        Optional<String> elsewhere = boundElsewhere(rolling, current.service().loadBalancers());
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
        Optional<Integer> count = comparison.desiredCount().isEmpty() ? Optional.empty() : desired.desiredCount();
        steps.add(new RollingUpdate(name, context.cluster(), current.service().name(), td, count, desired.settings(),
                rolling.circuitBreaker(), rolling.rollback(), CreateSlot.tags(context.tags(desired, Optional.empty()))));
        steps.add(new AwaitSteadyState(name, context.cluster(), current.service().name(), timeout()));
        return Outcome.of(new ServicePlan(name, PlanKind.ROLLING, "rolling", comparison.all(), steps, imageBefore,
                imageAfter, notes));
    }

    /**
     * Where the service is registered when that is not what the spec names: with no target group
     * in the spec, any; with one, anything but exactly that group (by name, from its ARN) and
     * container port.
     */
    static Optional<String> boundElsewhere(Rolling rolling, List<LoadBalancerBinding> live) {
        if (rolling.targetGroup().isEmpty()) {
            return live.isEmpty() ? Optional.empty() : Optional.of(describe(live));
        }
        Rolling.TargetGroupRoute route = rolling.targetGroup().get();
        boolean exact = live.size() == 1 && route.targetGroup().equals(ElbTrafficSteps.name(live.getFirst().targetGroupArn()))
                && route.containerName().equals(live.getFirst().containerName())
                && route.containerPort() == live.getFirst().containerPort();
        return exact ? Optional.empty() : Optional.of(live.isEmpty() ? "registered in no target group" : describe(live));
    }

    private static String describe(List<LoadBalancerBinding> bindings) {
        return "registered in " + String.join(" and ", bindings.stream().map(b -> b.targetGroupArn() == null
                ? "a load balancer (container " + b.containerName() + ":" + b.containerPort() + ")"
                : "target group " + ElbTrafficSteps.name(b.targetGroupArn()) + " (container " + b.containerName() + ":"
                + b.containerPort() + ")").toList());
    }

    private Duration timeout() {
        return context.environment().deployment().steadyStateTimeout();
    }
}
