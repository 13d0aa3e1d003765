package io.turnout.render;

import io.turnout.plan.Plan;
import io.turnout.plan.PlanKind;
import io.turnout.plan.PlanProblem;
import io.turnout.plan.ServicePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Phrases every renderer shares, so text, Markdown and JSON say the same thing. */
public final class PlanSummary {
    private PlanSummary() {}

    /** {@code 2 to deploy (1 blue/green, 1 bootstrap), 1 in sync} (plus left alone / with problems when any). */
    public static String counts(Plan plan) {
        List<String> kinds = new ArrayList<>();
        long deploy = 0;
        for (PlanKind kind : PlanKind.values()) {
            if (!kind.deploys()) continue;
            long n = plan.count(kind);
            deploy += n;
            if (n > 0) kinds.add(n + " " + kind.label());
        }
        StringBuilder s = new StringBuilder();
        s.append(deploy == 0 ? "nothing to deploy" : deploy + " to deploy (" + String.join(", ", kinds) + ")");
        s.append(", ").append(plan.count(PlanKind.IN_SYNC)).append(" in sync");
        long inProgress = plan.count(PlanKind.IN_PROGRESS);
        if (inProgress > 0) s.append(", ").append(inProgress).append(" with a deployment in progress");
        long leftAlone = plan.count(PlanKind.LEFT_ALONE);
        if (leftAlone > 0) s.append(", ").append(leftAlone).append(" left alone");
        long withProblems = plan.problems().stream().filter(p -> !p.environmentWide()).map(PlanProblem::service)
                .distinct().count();
        if (withProblems > 0) s.append(", ").append(withProblems).append(" with problems");
        return s.toString();
    }

    /** {@code Plan for production: …}. */
    public static String line(Plan plan) {
        return "Plan for " + plan.environment() + ": " + counts(plan) + ".";
    }

    /**
     * The services a service with steps is deployed after ({@code dependsOn}); empty when it has no steps or
     * depends on nothing (it deploys side by side with the others).
     */
    public static List<String> after(ServicePlan service) {
        return service.steps().isEmpty() ? List.of() : service.dependsOn();
    }

    /** {@code a → b}, {@code a} when unchanged, whichever one is known otherwise; empty when neither. */
    public static Optional<String> image(ServicePlan service, String quote) {
        Optional<String> before = service.imageBefore().map(i -> quote + i + quote);
        Optional<String> after = service.imageAfter().map(i -> quote + i + quote);
        if (before.isPresent() && after.isPresent() && !service.imageBefore().equals(service.imageAfter())) {
            return Optional.of(before.get() + " → " + after.get());
        }
        return before.or(() -> after);
    }
}
