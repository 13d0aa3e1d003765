package io.turnout.apply;

import io.turnout.status.ServiceOutcome;
import java.util.Comparator;
import java.util.List;

/**
 * How an apply (or the recovery of an interrupted one) ended, and what people should know:
 * the failures and their reasons, what was rolled back, the approval gates decided in this run
 * ({@code approvals}, one line each: "web: approved by alice at …"), and what happened to each
 * service ({@code services}, sorted by name; empty when nothing was started).
 */
public record ApplyResult(Status status, List<String> messages, List<String> approvals, List<ServiceOutcome> services) {
    public enum Status {
        /** Every step ran. */
        SUCCEEDED,
        /** The plan had no steps. */
        NOTHING_TO_DO,
        /** Pre-flight found a problem: nothing was changed. */
        REFUSED,
        /** A step failed and its service was rolled back (the other services carried on). */
        ROLLED_BACK,
        /** A step failed and its service could not be (or, by policy, was not) rolled back: a person must look. */
        FAILED,
        /**
         * A service waits at its approval gate (verified, production untouched); the journal keeps the
         * deployment open, and the next run resumes it once a person decided.
         */
        PAUSED
    }

    public ApplyResult {
        messages = List.copyOf(messages);
        approvals = List.copyOf(approvals);
        services = services.stream().sorted(Comparator.comparing(ServiceOutcome::service)).toList();
    }

    /** A result that started no service. */
    public ApplyResult(Status status, List<String> messages) {
        this(status, messages, List.of(), List.of());
    }

    /** A result with approval decisions and no per-service outcome. */
    public ApplyResult(Status status, List<String> messages, List<String> approvals) {
        this(status, messages, approvals, List.of());
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED || status == Status.NOTHING_TO_DO;
    }

    /** The services with this result, by name. */
    public List<String> services(ServiceOutcome.Result result) {
        return services.stream().filter(s -> s.result() == result).map(ServiceOutcome::service).toList();
    }
}
