package io.turnout.apply;

import io.turnout.cloud.sim.ManualClock;
import java.time.Duration;

/**
 * How the executor waits (polling intervals, backoff, bake time, downsize delay). Injected so
 * that tests and simulated deployments never sleep for real: with the simulator's
 * {@link ManualClock}, sleeping advances the clock and the simulated cloud catches up.
 */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration);

    /** Thread.sleep; an interrupt ends the deployment as a failure (the journal lets it resume). */
    static Sleeper real() {
        return duration -> {
            try {
                Thread.sleep(duration);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StepFailure("interrupted while waiting " + duration.toSeconds() + "s", e);
            }
        };
    }

    /** Moves {@code clock} forward instead of waiting. */
    static Sleeper advancing(ManualClock clock) {
        return clock::advance;
    }
}
