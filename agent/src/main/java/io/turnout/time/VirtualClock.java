package io.turnout.time;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A clock that only moves when told to ({@link #advance}) or when everything it waits for sleeps:
 * virtual time for the simulated cloud, so that a deployment of many services side by side, with
 * minutes of waiting in each, replays in moments and still takes as long, in virtual time, as it
 * would take on the wall clock.
 *
 * <p>Threads started through {@link #sleeper()}'s {@link Sleeper#startThread} are <em>enlisted</em>:
 * while any of them runs, time stands still; once each of them sleeps (or has ended), the clock
 * jumps to the earliest wake-up and wakes whoever is due. A thread that is not enlisted and sleeps
 * while no enlisted thread runs moves the clock at once by its own wait — one thread alone sees
 * exactly the old "advance by the wait" clock. (Hand-written: the JDK and the usual libraries
 * offer virtual time for reactive schedulers, not for plain threads that block.)
 *
 * <p>An enlisted thread must not block on anything but this clock's sleeps for longer than a
 * moment (a lock held across a sleep would stop time for good).
 */
public class VirtualClock implements InstantSource {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private final PriorityQueue<Wait> sleeping =
            new PriorityQueue<>(Comparator.comparing((Wait w) -> w.until).thenComparingLong(w -> w.order));
    private final ThreadLocal<Boolean> enlisted = ThreadLocal.withInitial(() -> false);
    private volatile Instant now;
    /** Enlisted threads that are not sleeping. */
    private int running;
    private long order;

    private static final class Wait {
        final Instant until;
        final long order;
        final boolean enlisted;
        boolean due;

        Wait(Instant until, long order, boolean enlisted) {
            this.until = until;
            this.order = order;
            this.enlisted = enlisted;
        }
    }

    public VirtualClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    /** Moves the clock forward by {@code duration} and wakes every sleeper that is due by then. */
    public Instant advance(Duration duration) {
        if (duration.isNegative()) throw new IllegalArgumentException("time does not go backwards: " + duration);
        lock.lock();
        try {
            now = now.plus(duration);
            wakeDue();
            return now;
        } finally {
            lock.unlock();
        }
    }

    /** Sets the clock (tests); sleepers due by then wake. */
    public void set(Instant instant) {
        lock.lock();
        try {
            now = instant;
            wakeDue();
        } finally {
            lock.unlock();
        }
    }

    /** Waits on this clock (see the class comment), and starts enlisted threads. */
    public Sleeper sleeper() {
        return new Sleeper() {
            @Override
            public void sleep(Duration duration) throws InterruptedException {
                VirtualClock.this.sleep(duration);
            }

            @Override
            public Thread startThread(Runnable task) {
                return VirtualClock.this.startThread(task);
            }
        };
    }

    /** Enlisted threads running now (not sleeping); for tests. */
    public int running() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    /** Threads sleeping on this clock now; for tests. */
    public int sleeping() {
        lock.lock();
        try {
            return sleeping.size();
        } finally {
            lock.unlock();
        }
    }

    private void sleep(Duration duration) throws InterruptedException {
        if (duration.isNegative() || duration.isZero()) return;
        lock.lock();
        try {
            Wait wait = new Wait(now.plus(duration), order++, enlisted.get());
            sleeping.add(wait);
            if (wait.enlisted) running--;
            moveOnIfIdle();
            while (!wait.due) {
                try {
                    woken.await();
                } catch (InterruptedException e) {
                    if (!wait.due) {
                        sleeping.remove(wait);
                        if (wait.enlisted) running++;
                    }
                    throw e;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private Thread startThread(Runnable task) {
        lock.lock();
        try {
            running++; // counted before the thread is even scheduled: time waits for it from now on
        } finally {
            lock.unlock();
        }
        try {
            return Thread.ofVirtual().start(() -> {
                enlisted.set(true);
                try {
                    task.run();
                } finally {
                    boolean stillEnlisted = enlisted.get();
                    enlisted.remove();
                    if (stillEnlisted) leave();
                }
            });
        } catch (RuntimeException | Error e) {
            leave();
            throw e;
        }
    }

    /**
     * The calling thread stops holding time still for good: it is about to block on something other
     * than this clock and never come back to it — a process that dies, simulated in-process while other
     * processes share this clock (tests), whose threads a real clock would not wait for either. No effect
     * on a thread that is not enlisted.
     */
    public void abandon() {
        if (!enlisted.get()) return;
        enlisted.set(false);
        leave();
    }

    private void leave() {
        lock.lock();
        try {
            running--;
            moveOnIfIdle();
        } finally {
            lock.unlock();
        }
    }

    /** With no enlisted thread running, time jumps to the earliest wake-up. Under the lock. */
    private void moveOnIfIdle() {
        if (running > 0 || sleeping.isEmpty()) return;
        Instant next = sleeping.peek().until;
        if (next.isAfter(now)) now = next;
        wakeDue();
    }

    /** Wakes every sleeper due by now; an enlisted one counts as running again at once. Under the lock. */
    private void wakeDue() {
        boolean any = false;
        while (!sleeping.isEmpty() && !sleeping.peek().until.isAfter(now)) {
            Wait wait = sleeping.poll();
            wait.due = true;
            if (wait.enlisted) running++;
            any = true;
        }
        if (any) woken.signalAll();
    }
}
