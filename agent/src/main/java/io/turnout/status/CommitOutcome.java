package io.turnout.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
 * @param services what the deployment did to each service (applied, rolled back, failed, skipped),
 *                 by name; empty when nothing was deployed
 */
public record CommitOutcome(String commit, String subject, Outcome outcome, String detail, Instant at,
                            Duration duration, List<ServiceOutcome> services) {
    public CommitOutcome {
        services = services == null ? List.of() : List.copyOf(services); // absent in what was stored before services had outcomes
    }

    /** An outcome that deployed no service. */
    public CommitOutcome(String commit, String subject, Outcome outcome, String detail, Instant at, Duration duration) {
        this(commit, subject, outcome, detail, at, duration, List.of());
    }

    /** The services with this result, by name. */
    public List<String> services(ServiceOutcome.Result result) {
        return services.stream().filter(s -> s.result() == result).map(ServiceOutcome::service).toList();
    }

    public enum Outcome {
        /** Applied successfully (or already in sync) and marked with tags. */
        APPLIED,
        /**
         * The apply failed for at least one service; {@code detail} says why and what was rolled back,
         * {@code services} which services were applied all the same (each deploys on its own).
         */
        FAILED,
        /** A newer commit arrived before this one was applied. */
        SUPERSEDED,
        /** Validation failed; nothing reached the cloud. */
        INVALID,
        /** Planned only (plan-only environment, or a rewind that is not allowed): waiting for a person. */
        PLANNED
    }
}
