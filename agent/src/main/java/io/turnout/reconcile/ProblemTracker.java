package io.turnout.reconcile;

import io.turnout.events.DeploymentEvent.ProblemCleared;
import io.turnout.events.DeploymentEvent.ProblemPersists;
import io.turnout.events.DeploymentEvent.ProblemStarted;
import io.turnout.events.DeploymentEvents;
import io.turnout.state.StateStore;
import io.turnout.status.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One environment's problem, poll after poll (DESIGN.md invariant 8). During a poll the reconciler
 * {@link #note}s what went wrong; at its end {@link #endPoll} compares that with the problem kept in
 * the {@link StateStore} and publishes what changed: {@link ProblemStarted} (a new problem, or one of
 * another kind), {@link ProblemPersists} (the same again: its {@code since} is kept, its words and
 * next retry are the newest), {@link ProblemCleared} (a poll without it). The store is the memory,
 * so a restarted agent, or another replica on a shared store, carries the same problem on rather
 * than starting it again. Not thread-safe: one reconcile of an environment runs at a time.
 */
final class ProblemTracker {
    private final String environment;
    private final StateStore store;
    private final DeploymentEvents events;
    /** The first problem this poll met, with the words of every other one appended; null: none yet. */
    private Noted noted;

    private record Noted(String kind, String what, boolean transientError, Optional<Throwable> cause) {}

    ProblemTracker(String environment, StateStore store, DeploymentEvents events) {
        this.environment = environment;
        this.store = store;
        this.events = events;
    }

    /** A poll begins: nothing noted yet. */
    void beginPoll() {
        noted = null;
    }

    /**
     * This poll met a problem.
     *
     * @param kind           what sort ({@code git}, {@code cloud}, {@code tags} …; see {@link Problem#kind()})
     * @param what           what went wrong and what happens next, for people
     * @param transientError whether the next poll may succeed without a person
     * @param cause          the exception behind an unexpected problem, whose stack trace is logged once
     */
    void note(String kind, String what, boolean transientError, Optional<Throwable> cause) {
        if (noted == null) {
            noted = new Noted(kind, what, transientError, cause);
        } else {
            noted = new Noted(noted.kind(), noted.what() + " Also: " + what, noted.transientError() && transientError,
                    noted.cause().or(() -> cause));
        }
    }

    /** The poll ended at {@code at}; the next one is due {@code interval} later. */
    void endPoll(Instant at, Duration interval) {
        Optional<Problem> before = store.problem(environment);
        if (noted == null) {
            if (before.isEmpty()) return;
            store.problem(environment, Optional.empty());
            events.publish(new ProblemCleared(environment, at, before.get()));
            return;
        }
        if (before.isPresent() && before.get().kind().equals(noted.kind())) {
            Problem again = before.get().again(noted.what(), at, interval, noted.transientError());
            store.problem(environment, Optional.of(again));
            events.publish(new ProblemPersists(environment, at, again));
            return;
        }
        Problem started = Problem.first(noted.kind(), noted.what(), at, interval, noted.transientError());
        store.problem(environment, Optional.of(started));
        before.ifPresent(other -> events.publish(new ProblemCleared(environment, at, other)));
        events.publish(new ProblemStarted(environment, at, started, noted.cause()));
    }
}
