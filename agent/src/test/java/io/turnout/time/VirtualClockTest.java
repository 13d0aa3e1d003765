package io.turnout.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Virtual time for work side by side: enlisted threads each wake at their own time, the clock
 * moves only once all of them sleep, and one thread alone sees the clock jump by its wait.
 */
class VirtualClockTest {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aThreadAloneMovesTheClockByItsWaitAtOnce() throws InterruptedException {
        VirtualClock clock = new VirtualClock(START);
        clock.sleeper().sleep(Duration.ofMinutes(15));
        assertEquals(START.plus(Duration.ofMinutes(15)), clock.instant());
    }

    @Test
    void enlistedThreadsSleepSideBySideAndEachWakesAtItsOwnTime() throws InterruptedException {
        VirtualClock clock = new VirtualClock(START);
        Sleeper sleeper = clock.sleeper();
        Map<Integer, Instant> woke = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(3);
        List<Thread> threads = new CopyOnWriteArrayList<>();
        // started from an enlisted thread, so that none can move the clock before all are counted
        threads.add(sleeper.startThread(() -> {
            for (int seconds : List.of(30, 10, 20)) {
                threads.add(sleeper.startThread(() -> {
                    try {
                        sleeper.sleep(Duration.ofSeconds(seconds));
                        woke.put(seconds, clock.instant());
                        sleeper.sleep(Duration.ofSeconds(seconds));
                        woke.put(seconds * 100, clock.instant());
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    } finally {
                        done.countDown();
                    }
                }));
            }
        }));
        assertTrue(done.await(10, TimeUnit.SECONDS));
        // a thread leaves the clock after its task: joined, none of them counts as running any more
        for (Thread t : threads) assertTrue(t.join(Duration.ofSeconds(10)));

        assertEquals(START.plusSeconds(10), woke.get(10));
        assertEquals(START.plusSeconds(20), woke.get(20));
        assertEquals(START.plusSeconds(30), woke.get(30));
        assertEquals(START.plusSeconds(20), woke.get(1000));
        assertEquals(START.plusSeconds(60), woke.get(3000));
        assertEquals(START.plusSeconds(60), clock.instant(), "the longest, not the sum");
        assertEquals(0, clock.running());
    }

    @Test
    void timeStandsStillWhileAnEnlistedThreadWorks() throws InterruptedException {
        VirtualClock clock = new VirtualClock(START);
        Sleeper sleeper = clock.sleeper();
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        sleeper.startThread(() -> {
            working.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(working.await(10, TimeUnit.SECONDS));
        Thread sleeping = Thread.ofVirtual().start(() -> {
            try {
                sleeper.sleep(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(!sleeping.join(Duration.ofMillis(200)), "the sleeper waits while the enlisted thread works");
        assertEquals(START, clock.instant());

        release.countDown();
        assertTrue(sleeping.join(Duration.ofSeconds(10)));
        assertEquals(START.plusSeconds(5), clock.instant());
    }

    @Test
    void anEnlistedThreadThatAbandonsTheClockNoLongerHoldsTimeStill() throws InterruptedException {
        VirtualClock clock = new VirtualClock(START);
        Sleeper sleeper = clock.sleeper();
        CountDownLatch abandoned = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread dead = sleeper.startThread(() -> {
            clock.abandon();
            abandoned.countDown();
            try {
                release.await(); // blocks on something other than the clock, as a dead process's thread would
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(abandoned.await(10, TimeUnit.SECONDS));
        assertEquals(0, clock.running());
        Thread sleeping = Thread.ofVirtual().start(() -> {
            try {
                sleeper.sleep(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(sleeping.join(Duration.ofSeconds(10)), "time moves although the abandoned thread is still blocked");
        assertEquals(START.plusSeconds(5), clock.instant());

        release.countDown();
        assertTrue(dead.join(Duration.ofSeconds(10)));
        assertEquals(0, clock.running(), "its end is not counted a second time");
    }

    @Test
    void advancingWakesWhoeverIsDueAndAnInterruptEndsAWait() throws InterruptedException {
        VirtualClock clock = new VirtualClock(START);
        Sleeper sleeper = clock.sleeper();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        sleeper.startThread(() -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread waiting = Thread.ofVirtual().start(() -> {
            try {
                sleeper.sleep(Duration.ofHours(1));
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        Thread due = Thread.ofVirtual().start(() -> {
            try {
                sleeper.sleep(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        while (clock.sleeping() < 2) Thread.onSpinWait(); // both are waiting (with no virtual time passed: one is held)
        clock.advance(Duration.ofSeconds(45));
        assertTrue(due.join(Duration.ofSeconds(10)), "due at 30s, woken by the advance to 45s");
        waiting.interrupt();
        assertTrue(waiting.join(Duration.ofSeconds(10)));
        assertTrue(interrupted.get(), "the hour-long wait ended with InterruptedException");
        release.countDown();
        assertEquals(START.plusSeconds(45), clock.instant());
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
    }
}
