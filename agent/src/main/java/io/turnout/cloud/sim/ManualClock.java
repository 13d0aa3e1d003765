package io.turnout.cloud.sim;

import io.turnout.time.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that only moves when told to: for tests and for replaying a simulated deployment quickly. */
public final class ManualClock implements InstantSource {
    private final AtomicReference<Instant> now;

    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** Starts at 2026-01-01T00:00:00Z, so that outputs containing times are reproducible. */
    public ManualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    public Instant advance(Duration duration) {
        if (duration.isNegative()) throw new IllegalArgumentException("time does not go backwards: " + duration);
        return now.updateAndGet(t -> t.plus(duration));
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    /** Waits by moving this clock forward instead of sleeping: a 15-minute deployment replays in an instant. */
    public Sleeper sleeper() {
        return this::advance;
    }
}
