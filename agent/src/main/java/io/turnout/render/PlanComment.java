package io.turnout.render;

import io.turnout.plan.Plan;
import io.turnout.spec.DeploymentPolicy;
import io.turnout.spec.SpecProblem;
import io.turnout.spec.SyncPolicy;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a pull-request plan comment shows: where the specs came from, the plan of each
 * environment the change touches (with its sync policy, to say what merging does), or the
 * problems that made the specs invalid, and remarks.
 *
 * @param marker       the hidden first line that finds this comment again on the next push
 * @param source       the specs that were planned
 * @param environments one section per planned environment, by name
 * @param specProblems validation problems of the specs; when any, nothing was planned
 * @param notes        remarks for the reader (environments removed, base not comparable …)
 */
public record PlanComment(String marker, Source source, List<EnvironmentSection> environments,
                          List<SpecProblem> specProblems, List<String> notes) {
    public PlanComment {
        Objects.requireNonNull(marker, "marker");
        Objects.requireNonNull(source, "source");
        environments = List.copyOf(environments);
        specProblems = List.copyOf(specProblems);
        notes = List.copyOf(notes);
    }

    /**
     * @param ref      what was asked for ({@code refs/pull/42/head}, a branch, a commit, a folder)
     * @param commit   the commit it resolved to, when from Git
     * @param base     the ref the change was compared with, when one was
     * @param specPath the spec folder inside the repository ("" for its root), prefixed to problem locations
     */
    public record Source(String ref, Optional<String> commit, Optional<String> base, String specPath) {
        public Source {
            Objects.requireNonNull(ref, "ref");
            specPath = specPath == null ? "" : specPath;
        }
    }

    /** One environment's plan, the sync policy that decides what happens on merge, and how it deploys. */
    public record EnvironmentSection(Plan plan, SyncPolicy sync, DeploymentPolicy deployment) {
        /** A section of an environment with the default deployment policy. */
        public EnvironmentSection(Plan plan, SyncPolicy sync) {
            this(plan, sync, DeploymentPolicy.DEFAULT);
        }
    }

    /** Whether the change may be merged as far as Turnout can tell: specs valid, every environment planned. */
    public boolean succeeded() {
        return specProblems.isEmpty() && environments.stream().noneMatch(e -> e.plan().hasProblems());
    }

    /** One line for a commit status (GitHub allows 140 characters). */
    public String statusLine() {
        if (!specProblems.isEmpty()) {
            SpecProblem first = specProblems.getFirst();
            String where = (source.specPath().isEmpty() ? "" : source.specPath() + "/") + first.location();
            return specProblems.size() + (specProblems.size() == 1 ? " spec problem" : " spec problems") + ", first at " + where;
        }
        long withProblems = environments.stream().filter(e -> e.plan().hasProblems()).count();
        if (withProblems > 0) {
            return "Plan problems in " + environments.stream().filter(e -> e.plan().hasProblems())
                    .map(e -> e.plan().environment()).reduce((a, b) -> a + ", " + b).orElse("");
        }
        long changing = environments.stream().filter(e -> !e.plan().inSync()).count();
        if (environments.isEmpty()) return "No environment is affected by this change";
        return changing == 0 ? "Valid; every planned environment is in sync"
                : "Valid; changes planned in " + changing + (changing == 1 ? " environment" : " environments");
    }
}
