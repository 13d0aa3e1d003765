package io.turnout.plan;

import java.util.List;
import java.util.Optional;

/** A service's plan, or the problems that keep it from being planned. */
record Outcome(Optional<ServicePlan> plan, List<PlanProblem> problems) {
    static Outcome of(ServicePlan plan) {
        return new Outcome(Optional.of(plan), List.of());
    }

    static Outcome problem(String service, String message) {
        return new Outcome(Optional.empty(), List.of(new PlanProblem(service, message)));
    }

    static Outcome problems(List<PlanProblem> problems) {
        return new Outcome(Optional.empty(), problems);
    }
}
