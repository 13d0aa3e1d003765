package io.turnout.time;

import java.time.Duration;

/**
 * How Turnout waits: between polls of a deployment, backoffs, bake times, read budgets and
 * retries of a code host. Injected everywhere a wait happens, so that tests and the simulated
 * cloud never sleep for real: the simulator's clock hands out a sleeper that moves it forward
 * instead ({@code ManualClock.sleeper()}).
 */
@FunctionalInterface
public interface Sleeper {
    /** Waits {@code duration}; an interrupt ends the wait early with {@link InterruptedException}. */
    void sleep(Duration duration) throws InterruptedException;

    /** {@link Thread#sleep(Duration)}. */
    static Sleeper real() {
        return Thread::sleep;
    }
}
