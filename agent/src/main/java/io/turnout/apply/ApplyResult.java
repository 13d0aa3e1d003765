package io.turnout.apply;

import java.util.List;

/**
 * How an apply (or the recovery of an interrupted one) ended, and what people should know:
 * the failure and its reason, and what was rolled back.
 */
public record ApplyResult(Status status, List<String> messages) {
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
        FAILED
    }

    public ApplyResult {
        messages = List.copyOf(messages);
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED || status == Status.NOTHING_TO_DO;
    }
}
