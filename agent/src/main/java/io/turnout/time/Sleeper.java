package io.turnout.time;

import java.time.Duration;

/**
 * How Turnout waits: between polls of a deployment, backoffs, bake times, read and write budgets
 * and retries of a code host. Injected everywhere a wait happens, so that tests and the simulated
 * cloud never sleep for real: a {@link VirtualClock} hands out a sleeper that moves it forward
 * instead.
 *
 * <p>Work that runs side by side (the services of one deployment) is started through
 * {@link #startThread}, so that a virtual clock knows to wait for it: time then moves on only when
 * every such thread sleeps, and each wakes at its own time, as they would on the wall clock.
 */
@FunctionalInterface
public interface Sleeper {
    /** Waits {@code duration}; an interrupt ends the wait early with {@link InterruptedException}. */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Starts {@code task} on a new virtual thread whose waits go through this sleeper. Call it from
     * a thread the clock already waits for (or before anything sleeps): the new thread counts as
     * running from this call on, not only once it is scheduled.
     */
    default Thread startThread(Runnable task) {
        return Thread.ofVirtual().start(task);
    }

    /** {@link Thread#sleep(Duration)}. */
    static Sleeper real() {
        return Thread::sleep;
    }
}
