package io.turnout.status;

import java.time.Duration;
import java.time.Instant;

/**
 * What happened to one commit in one environment.
 *
 * @param commit   the full commit id
 * @param subject  the first line of its message
 * @param outcome  what happened
 * @param detail   one line: the plan summary, the failure and what was rolled back, the first
 *                 validation problems (file:line), or "superseded by &lt;id&gt;"
 * @param at       when the outcome was reached
 * @param duration how long validation + plan + apply took (zero for superseded commits)
 */
public record CommitOutcome(String commit, String subject, Outcome outcome, String detail, Instant at,
                            Duration duration) {
    public enum Outcome {
        /** Applied successfully (or already in sync) and marked with tags. */
        APPLIED,
        /** The apply failed; {@code detail} says why and what was rolled back. */
        FAILED,
        /** A newer commit arrived before this one was applied. */
        SUPERSEDED,
        /** Validation failed; nothing reached the cloud. */
        INVALID,
        /** Planned only (plan-only environment, or a rewind that is not allowed): waiting for a person. */
        PLANNED
    }
}
