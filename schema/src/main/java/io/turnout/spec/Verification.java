package io.turnout.spec;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What must hold before production traffic moves to a slot.
 *
 * @param healthyTargets every target of the stage target group healthy (ELB mode; default true)
 * @param httpChecks     requests sent through the stage listener
 * @param bakeTime       how long the slot must stay healthy before the swap (default 0)
 * @param task           optional one-off task that must exit 0
 */
public record Verification(boolean healthyTargets, List<HttpCheck> httpChecks, Duration bakeTime,
                           Optional<TaskCheck> task) {
    public static final Verification DEFAULT = new Verification(true, List.of(), Duration.ZERO, Optional.empty());

    public Verification {
        httpChecks = List.copyOf(httpChecks);
    }
}
