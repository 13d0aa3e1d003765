package io.turnout.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A token bucket lets its burst through, then one call per refill, each caller waiting once for its own token. */
class TokenBucketTest {
    @Test
    void theBurstGoesAtOnceThenCallersAreServedInTurnAtTheRate() throws InterruptedException {
        AtomicLong now = new AtomicLong();
        List<Long> waits = new ArrayList<>();
        // callers that do not wait between calls: each reservation is made at the same instant
        TokenBucket bucket = new TokenBucket(5, 3, now::get, d -> waits.add(d.toMillis()));
        for (int i = 0; i < 6; i++) bucket.take();
        assertEquals(List.of(200L, 400L, 600L), waits, "three at once, then 200 ms apart at 5 per second");
    }

    @Test
    void theBucketRefillsWhileIdleUpToItsBurst() throws InterruptedException {
        AtomicLong now = new AtomicLong();
        List<Duration> waits = new ArrayList<>();
        TokenBucket bucket = new TokenBucket(1, 2, now::get, waits::add);
        bucket.take();
        bucket.take();
        now.addAndGet(Duration.ofSeconds(10).toNanos()); // idle: refills to 2, not 10
        bucket.take();
        bucket.take();
        bucket.take();
        assertEquals(List.of(Duration.ofSeconds(1)), waits);
    }

    @Test
    void aBucketNeedsARateAndABurst() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, System::nanoTime, Sleeper.real()));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0, System::nanoTime, Sleeper.real()));
    }
}
