package io.turnout.cloud.sim;

import io.turnout.time.VirtualClock;
import java.time.Instant;

/**
 * The simulated cloud's clock: a {@link VirtualClock} that only moves when told to or when every
 * deployment track waiting on it sleeps — for tests and for replaying simulated deployments quickly.
 */
public final class ManualClock extends VirtualClock {
    public ManualClock(Instant start) {
        super(start);
    }

    /** Starts at 2026-01-01T00:00:00Z, so that outputs containing times are reproducible. */
    public ManualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }
}
