package io.turnout.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What keeps an environment from being reconciled, from the first poll that met it until a poll
 * that does not (DESIGN.md invariant 8: nothing fails silently). Known, user-caused results are
 * not problems: invalid specs, a plan with problems and a failed deployment are commit outcomes.
 * A problem is what is left: Git unreachable, AWS throttling or refusing, tags that could not be
 * pushed, an interrupted deployment that could not be finished, a bug.
 *
 * @param kind           what sort of problem, e.g. {@code git}, {@code cloud}, {@code tags},
 *                       {@code recovery}, {@code unexpected IllegalStateException}: a poll that meets
 *                       a problem of another kind ends this one and starts a new one
 * @param what           what went wrong and what happens next, for people (the newest poll's words)
 * @param since          when the first poll met it
 * @param lastSeen       when the newest poll met it
 * @param failedPolls    how many polls in a row met it
 * @param nextRetry      when the next poll is due (the environment's {@code sync.interval} after
 *                       {@code lastSeen}; the scheduler adds its jitter)
 * @param transientError whether the next poll may succeed without a person (throttling, 5xx,
 *                       Git unreachable); false when someone must act (access denied, a bug)
 */
public record Problem(String kind, String what, Instant since, Instant lastSeen, int failedPolls, Instant nextRetry,
                      boolean transientError) {
    public Problem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(nextRetry, "nextRetry");
    }

    /** A problem met for the first time at {@code at}. */
    public static Problem first(String kind, String what, Instant at, Duration interval, boolean transientError) {
        return new Problem(kind, what, at, at, 1, at.plus(interval), transientError);
    }

    /** The same problem met again at {@code at}, in the newest poll's words. */
    public Problem again(String what, Instant at, Duration interval, boolean transientError) {
        return new Problem(kind, what, since, at, failedPolls + 1, at.plus(interval), transientError);
    }
}
