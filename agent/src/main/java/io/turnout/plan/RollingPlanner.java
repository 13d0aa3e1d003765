package io.turnout.plan;

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
 * Plans a rolling service: one ECS service named after the Turnout service, updated by ECS
 * itself with the deployment circuit breaker; created when absent.
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
        Optional<String> imageAfter = desired.image(null);
        List<Step> steps = new ArrayList<>();
        if (live.single().isEmpty()) {
            TaskDefinitionRef td = TaskDefinitionRef.registeredByPlan(desired.family());
            steps.add(new RegisterTaskDefinition(name, desired.family(), desired.taskDefinition()));
            steps.add(new CreateService(name, context.cluster(), name, td, desired.desiredCount().orElse(1),
                    desired.settings(), CreateSlot.tags(context.tags(desired, Optional.empty()))));
            steps.add(new AwaitSteadyState(name, context.cluster(), name, timeout()));
            return Outcome.of(new ServicePlan(name, PlanKind.BOOTSTRAP, "rolling", List.of(), steps, Optional.empty(),
                    imageAfter, List.of("first deployment: creates ECS service " + name)));
        }
        LiveSlot current = live.single().get();
        SlotComparison comparison = SlotComparison.of(desired, current, Optional.empty());
        Optional<String> imageBefore = Images.of(desired, current, null);
        if (comparison.isEmpty()) {
            return Outcome.of(new ServicePlan(name, PlanKind.IN_SYNC, "rolling", List.of(), List.of(), imageBefore,
                    imageAfter, List.of()));
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
                imageAfter, List.of()));
    }

    private Duration timeout() {
        return context.environment().deployment().steadyStateTimeout();
    }
}
