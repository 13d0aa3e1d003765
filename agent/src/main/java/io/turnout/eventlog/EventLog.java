package io.turnout.eventlog;

import io.turnout.events.DeploymentEvent;
import io.turnout.events.DeploymentEvent.CommitDecided;
import io.turnout.events.DeploymentEvent.ProblemCleared;
import io.turnout.events.DeploymentEvent.ProblemStarted;
import io.turnout.events.DeploymentSubscriber;
import io.turnout.spec.load.Durations;
import io.turnout.status.CommitOutcome;
import io.turnout.status.CommitOutcome.Outcome;
import io.turnout.status.Problem;
import io.turnout.text.CommitIds;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's log of what it decided and what went wrong, from the deployment events: one line
 * per commit outcome ({@code production: 1a2b3c4d5e6f APPLIED: web: blue/green …}; WARN when
 * failed or invalid, INFO otherwise), one line when an environment's problem starts (WARN, with
 * the stack trace when it is a bug) and one when it clears (INFO) — never a line per failed poll.
 * {@code logback.xml} keeps this logger at INFO whatever the root level, so that the default log
 * says what was deployed.
 */
public final class EventLog implements DeploymentSubscriber {
    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);

    @Override
    public void on(DeploymentEvent event) {
        switch (event) {
            case CommitDecided e -> outcome(e.environment(), e.outcome());
            case ProblemStarted e -> {
                Problem p = e.problem();
                if (e.cause().isPresent()) {
                    LOG.warn("{}: problem: {}", e.environment(), p.what(), e.cause().get());
                } else {
                    LOG.warn("{}: problem: {}", e.environment(), p.what());
                }
            }
            case ProblemCleared e -> {
                Problem p = e.problem();
                LOG.info("{}: problem cleared after {} ({} failed {}): {}", e.environment(),
                        Durations.format(Duration.between(p.since(), e.at())), p.failedPolls(), p.failedPolls() == 1 ? "poll" : "polls",
                        p.what());
            }
            default -> { }
        }
    }

    private static void outcome(String environment, CommitOutcome o) {
        if (o.outcome() != Outcome.FAILED && o.outcome() != Outcome.INVALID) {
            LOG.info("{}: {} {}: {}", environment, CommitIds.shorten(o.commit()), o.outcome(), o.detail());
        } else {
            LOG.warn("{}: {} {}: {}", environment, CommitIds.shorten(o.commit()), o.outcome(), o.detail());
        }
    }
}
