package io.turnout.status;

import io.turnout.plan.Plan;
import io.turnout.text.CommitIds;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One environment as the agent sees it.
 *
 * @param name         the environment name
 * @param repository   the spec repository URL (credentials never included)
 * @param branch       the tracked branch
 * @param syncPolicy   {@code auto-apply} or {@code plan-only}
 * @param liveCommit   the commit {@code turnout/<env>/live} points at
 * @param headCommit   the branch head at the last poll
 * @param lastPoll     when the repository was last polled for this environment
 * @param deploying    true while a deployment runs
 * @param pendingPlan  the plan waiting for a person (plan-only) or the drift found at the last poll
 * @param drift        one line per service whose live state changed outside Git, empty when none
 * @param lastOutcome  the newest commit outcome
 * @param recent       recent outcomes, newest first (at most 20)
 * @param services     live colours per service, sorted by name
 * @param problem      what keeps the environment from being reconciled now; empty when its last poll went well
 * @param approvals    services whose deployment waits at its approval gate, by service name
 */
public record EnvironmentStatus(String name, String repository, String branch, String syncPolicy,
                                Optional<String> liveCommit, Optional<String> headCommit, Optional<Instant> lastPoll,
                                boolean deploying, Optional<Plan> pendingPlan, List<String> drift,
                                Optional<CommitOutcome> lastOutcome, List<CommitOutcome> recent,
                                List<ServiceStatus> services, Optional<Problem> problem, List<WaitingApproval> approvals) {
    /** {@code syncPolicy} before the environment's spec was read. */
    public static final String UNKNOWN_POLICY = "unknown";

    public EnvironmentStatus {
        drift = List.copyOf(drift);
        recent = List.copyOf(recent);
        services = List.copyOf(services);
        problem = problem == null ? Optional.empty() : problem;
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
    }

    /** An environment where no deployment waits for approval. */
    public EnvironmentStatus(String name, String repository, String branch, String syncPolicy,
                             Optional<String> liveCommit, Optional<String> headCommit, Optional<Instant> lastPoll,
                             boolean deploying, Optional<Plan> pendingPlan, List<String> drift,
                             Optional<CommitOutcome> lastOutcome, List<CommitOutcome> recent, List<ServiceStatus> services,
                             Optional<Problem> problem) {
        this(name, repository, branch, syncPolicy, liveCommit, headCommit, lastPoll, deploying, pendingPlan, drift, lastOutcome,
                recent, services, problem, List.of());
    }

    /** An environment without a problem. */
    public EnvironmentStatus(String name, String repository, String branch, String syncPolicy,
                             Optional<String> liveCommit, Optional<String> headCommit, Optional<Instant> lastPoll,
                             boolean deploying, Optional<Plan> pendingPlan, List<String> drift,
                             Optional<CommitOutcome> lastOutcome, List<CommitOutcome> recent, List<ServiceStatus> services) {
        this(name, repository, branch, syncPolicy, liveCommit, headCommit, lastPoll, deploying, pendingPlan, drift, lastOutcome,
                recent, services, Optional.empty(), List.of());
    }

    /** Whether a deployment waits for a person's approval. */
    public boolean waitingForApproval() {
        return !approvals.isEmpty();
    }

    /**
     * The commit a person may approve now: the deployment waiting at its gate, else the pending plan
     * of a plan-only environment; empty when nothing waits for approval.
     */
    public Optional<String> approvableCommit() {
        if (!approvals.isEmpty()) return approvals.getFirst().commit();
        if ("plan-only".equals(syncPolicy) && pendingPlan.isPresent() && !pendingPlan.get().inSync()
                && !pendingPlan.get().hasProblems()) {
            return pendingPlan.get().commit().filter(c -> !liveCommit.equals(Optional.of(c)));
        }
        return Optional.empty();
    }

    /**
     * When the branch head is not what is live, why, for the top of the environment: e.g.
     * {@code head 9f8e7d6c5b4a not deployed: FAILED — web: verification failed …} (its outcome),
     * {@code head 9f8e7d6c5b4a not deployed yet: deploying}, or {@code … not deployed yet: } and the
     * problem that keeps it from being decided. Empty when the head is live, or not polled yet.
     */
    public Optional<String> headNotDeployed() {
        if (headCommit.isEmpty() || headCommit.equals(liveCommit)) return Optional.empty();
        String head = headCommit.get();
        String prefix = "head " + CommitIds.shorten(head) + " not deployed";
        Optional<CommitOutcome> decided = recent.stream().filter(o -> o.commit().equals(head)).findFirst();
        if (decided.isPresent() && decided.get().outcome() != CommitOutcome.Outcome.APPLIED) {
            return Optional.of(prefix + ": " + decided.get().outcome() + " — " + decided.get().detail());
        }
        if (deploying) return Optional.of(prefix + " yet: deploying");
        if (waitingForApproval()) return Optional.of(prefix + " yet: waiting for approval");
        if (problem.isPresent()) return Optional.of(prefix + " yet: " + problem.get().what());
        if (decided.isPresent()) return Optional.empty(); // applied; the live tag is being read or pushed
        return Optional.of(prefix + " yet: not decided (the next poll plans it)");
    }
}
