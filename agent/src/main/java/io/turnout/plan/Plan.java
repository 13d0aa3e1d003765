package io.turnout.plan;

import java.util.List;
import java.util.Optional;

/**
 * What it takes to make one environment match the specs.
 *
 * @param environment the environment name
 * @param commit      the spec commit planned, when known
 * @param services    one entry per service (in the specs, or left alone in AWS), by name
 * @param problems    services that could not be planned, and why
 */
public record Plan(String environment, Optional<String> commit, List<ServicePlan> services,
                  List<PlanProblem> problems) {
    public Plan {
        services = List.copyOf(services);
        problems = List.copyOf(problems);
    }

    /** Nothing to do and nothing wrong. */
    public boolean inSync() {
        return problems.isEmpty() && stepCount() == 0;
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** All steps of all services. */
    public int stepCount() {
        return services.stream().mapToInt(s -> s.steps().size()).sum();
    }

    /** The services with this kind of plan. */
    public long count(PlanKind kind) {
        return services.stream().filter(s -> s.kind() == kind).count();
    }
}
