package io.turnout.reconcile;

import io.turnout.cloud.CloudException;
import io.turnout.error.TurnoutException;
import io.turnout.events.DeploymentEvent.PollFailed;
import io.turnout.events.DeploymentEvents;
import io.turnout.source.GitSourceException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Optional;

/**
 * What a failed poll tells people, by kind of failure (Flux's split: transient failures retry at
 * the next poll, terminal ones wait for a person, both say so), and where it goes: a
 * {@link PollFailed} event for the metrics and a note on the environment's {@link ProblemTracker}
 * for the status page, the API, {@code /health} and the log.
 */
final class PollFailures {
    private final String environment;
    private final DeploymentEvents events;
    private final ProblemTracker problems;
    private final InstantSource wallClock;

    PollFailures(String environment, DeploymentEvents events, ProblemTracker problems, InstantSource wallClock) {
        this.environment = environment;
        this.events = events;
        this.problems = problems;
        this.wallClock = wallClock;
    }

    /** Git unreachable, refused or broken locally. */
    void git(GitSourceException e, Duration interval) {
        boolean transientError = e.reason().isTransient();
        String text = TurnoutException.join(e.getMessage(), transientError ? retrying(interval)
                : "This needs a person; the agent keeps polling and picks up the fix.");
        failed("git", text, transientError, false, Optional.empty());
    }

    /**
     * AWS refused or failed a call.
     *
     * @return the text, for the outcome of the head when the failure is terminal
     */
    String cloud(CloudException e, Duration interval) {
        // Transient (throttling, 5xx, conflict): the head stays undecided and the next poll starts over; AWS's
        // own next step ("retry later") is what the agent does anyway, so it says when instead.
        // Terminal (access denied, not found, invalid request): someone must act (the gateway's next step
        // says what); the next commit is tried again.
        String text = e.retryable()
                ? TurnoutException.join(e.getMessage(), "Transient: " + retrying(interval).toLowerCase(Locale.ROOT))
                : TurnoutException.join(e.describe(),
                        "This needs a person (permissions, infrastructure or specs); the next commit is tried again.");
        failed("cloud", text, e.retryable(), e.kind() == CloudException.Kind.THROTTLED, Optional.empty());
        return text;
    }

    /**
     * Anything not classified: a bug in Turnout, or an error with no kind of its own. Nothing was
     * decided, so the next poll starts over; a bug's stack trace is logged once, when the problem starts.
     */
    void unexpected(RuntimeException e, Duration interval) {
        if (e instanceof TurnoutException t) {
            failed("error", TurnoutException.join(t.describe(), retrying(interval)), true, false, Optional.empty());
            return;
        }
        String text = TurnoutException.join("unexpected error while reconciling: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                "This is a bug in Turnout (the agent's log has the stack trace; please report it). " + retrying(interval));
        failed("unexpected " + e.getClass().getSimpleName(), text, false, false, Optional.of(e));
    }

    private void failed(String kind, String text, boolean transientError, boolean throttled, Optional<Throwable> cause) {
        events.publish(new PollFailed(environment, wallClock.instant(), text, transientError, throttled));
        problems.note(kind, text, transientError, cause);
    }

    /** "Retrying at the next poll (in about 1m)." */
    static String retrying(Duration interval) {
        return "Retrying at the next poll (in about " + human(interval) + ").";
    }

    static String human(Duration d) {
        return d.toSeconds() % 60 == 0 && d.toMinutes() > 0 ? d.toMinutes() + "m" : d.toSeconds() + "s";
    }
}
