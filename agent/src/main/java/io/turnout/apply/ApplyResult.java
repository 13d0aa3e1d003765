package io.turnout.apply;

import java.util.List;

/**
 * How an apply (or the recovery of an interrupted one) ended, and what people should know:
 * the failure and its reason, and what was rolled back. {@code approvals}: the approval gates
 * decided in this run, one line each ("web: approved by alice at …"), for the commit's outcome.
 */
public record ApplyResult(Status status, List<String> messages, List<String> approvals) {
    public enum Status {
        /** Every step ran. */
        SUCCEEDED,
        /** The plan had no steps. */
        NOTHING_TO_DO,
        /** Pre-flight found a problem: nothing was changed. */
        REFUSED,
        /** A step failed and the service was rolled back. */
        ROLLED_BACK,
        /** A step failed and it could not be (or, by policy, was not) rolled back: a person must look. */
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
    }

    public ApplyResult(Status status, List<String> messages) {
        this(status, messages, List.of());
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED || status == Status.NOTHING_TO_DO;
    }
}
