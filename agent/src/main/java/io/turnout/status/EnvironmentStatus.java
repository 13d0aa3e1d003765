package io.turnout.status;

import io.turnout.plan.Plan;
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
 */
public record EnvironmentStatus(String name, String repository, String branch, String syncPolicy,
                                Optional<String> liveCommit, Optional<String> headCommit, Optional<Instant> lastPoll,
                                boolean deploying, Optional<Plan> pendingPlan, List<String> drift,
                                Optional<CommitOutcome> lastOutcome, List<CommitOutcome> recent,
                                List<ServiceStatus> services) {
    public EnvironmentStatus {
        drift = List.copyOf(drift);
        recent = List.copyOf(recent);
        services = List.copyOf(services);
    }
}
