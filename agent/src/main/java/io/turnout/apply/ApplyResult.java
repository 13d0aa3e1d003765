package io.turnout.apply;

import io.turnout.status.ServiceOutcome;
import java.util.Comparator;
import java.util.List;

/**
 * How an apply (or the recovery of an interrupted one) ended, and what people should know:
 * the failures and their reasons, what was rolled back, and what happened to each service
 * ({@code services}, sorted by name; empty when nothing was started).
 */
public record ApplyResult(Status status, List<String> messages, List<ServiceOutcome> services) {
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
        FAILED
    }

    public ApplyResult {
        messages = List.copyOf(messages);
        services = services.stream().sorted(Comparator.comparing(ServiceOutcome::service)).toList();
    }

    /** A result that started no service. */
    public ApplyResult(Status status, List<String> messages) {
        this(status, messages, List.of());
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED || status == Status.NOTHING_TO_DO;
    }

    /** The services with this result, by name. */
    public List<String> services(ServiceOutcome.Result result) {
        return services.stream().filter(s -> s.result() == result).map(ServiceOutcome::service).toList();
    }
}
