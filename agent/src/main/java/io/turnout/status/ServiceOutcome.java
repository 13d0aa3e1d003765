package io.turnout.status;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What one deployment did to one service: each service of a plan is deployed on its own track,
 * so one commit's outcome is a list of these.
 *
 * @param service the Turnout service name
 * @param result  applied, rolled back, failed (and left as it was) or skipped
 * @param detail  one line for people: the steps applied, or the failure and what was rolled back,
 *                or which dependency failed
 */
public record ServiceOutcome(String service, Result result, String detail) {
    public enum Result {
        /** Every step ran: the service is deployed and verified. */
        APPLIED,
        /** A step failed and the service was put back as it was. */
        ROLLED_BACK,
        /** A step failed and the service could not be (or, by policy, was not) rolled back: a person must look. */
        FAILED,
        /** Not started: a service it depends on (dependsOn) did not deploy. */
        SKIPPED,
        /** Waits at its approval gate (verified, production untouched): its track goes on once a person decides. */
        PAUSED;

        /** {@code rolled back}, as people read it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    public ServiceOutcome {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean applied() {
        return result == Result.APPLIED;
    }

    /** {@code 99 applied, 1 rolled back}: how many services ended each way, in the order of {@link Result}; "" for none. */
    public static String tally(List<ServiceOutcome> outcomes) {
        Map<Result, Long> counts = new EnumMap<>(Result.class);
        outcomes.forEach(o -> counts.merge(o.result(), 1L, Long::sum));
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", "));
    }
}
