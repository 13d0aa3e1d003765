package io.turnout.reconcile;

import io.turnout.plan.Plan;
import io.turnout.source.CommittedState;
import io.turnout.source.GitSourceException;
import io.turnout.source.PushReport;
import java.time.Duration;
import java.util.Optional;

/**
 * One environment's committed-state marks, as the reconciler moves them: a deployment adds its
 * timestamped tag and moves {@code turnout/<env>/live}; a commit that deployed nothing (its plan was
 * in sync) moves the live tag only. Pushing never blocks a deployment: what could not be pushed is
 * the environment's problem and is pushed again at the next poll.
 */
final class LiveTags {
    private final String environment;
    private final CommittedState committed;
    private final ProblemTracker problems;

    LiveTags(String environment, CommittedState committed, ProblemTracker problems) {
        this.environment = environment;
        this.committed = committed;
        this.problems = problems;
    }

    /** What is live as the remote says now: the truth across replicas and restarts. */
    Optional<String> fetchLive() throws GitSourceException {
        return committed.fetchLiveCommit(environment);
    }

    /** Pushes the tags an earlier poll could not push. */
    void retryPending(Duration interval) throws GitSourceException {
        if (committed.pending().isEmpty()) return;
        // another replica may have deployed (and pushed) a newer commit since our push failed
        committed.adoptNewerRemoteLive(environment);
        push(interval);
    }

    /** Marks {@code commit} live after {@code plan} was carried out (or found in sync), and pushes. */
    void markLive(String commit, Plan plan, String summary, Duration interval) {
        mark(commit, plan.inSync(), summary, interval);
    }

    /** {@code commit} was deployed (a deployment that waited for approval, whose plan is not at hand): a new tag. */
    void markDeployed(String commit, String summary, Duration interval) {
        mark(commit, false, summary, interval);
    }

    private void mark(String commit, boolean inSync, String summary, Duration interval) {
        try {
            if (inSync) committed.markLive(environment, commit);
            else committed.mark(environment, commit, summary);
        } catch (GitSourceException e) {
            problems.note("tags", "deployed, but the committed-state tags could not be written: " + e.getMessage(), false,
                    Optional.empty());
            return;
        }
        push(interval);
    }

    private void push(Duration interval) {
        PushReport report = committed.pushPending();
        report.failure().ifPresent(f -> problems.note("tags", f + " Retried at the next poll (in about "
                + PollFailures.human(interval) + ").", true, Optional.empty()));
    }
}
