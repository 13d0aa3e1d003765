package io.turnout.time;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A token bucket as AWS describes its API throttling: {@code burst} tokens at most, refilled at
 * {@code ratePerSecond}; each call takes one. {@link #take()} reserves the caller's token at once
 * (the bucket may go into debt) and waits until it is due, so callers are served in the order they
 * asked, each with one wait, and never faster than the budget — however many wait together.
 */
public final class TokenBucket {
    private final double ratePerSecond;
    private final int burst;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private double tokens;
    private long refilledAt;

    /**
     * @param nanoTime the clock the refill is measured on ({@link System#nanoTime}, or a virtual clock's)
     * @param sleeper  how a caller waits for its token
     */
    public TokenBucket(double ratePerSecond, int burst, LongSupplier nanoTime, Sleeper sleeper) {
        if (!(ratePerSecond > 0)) throw new IllegalArgumentException("ratePerSecond must be positive, was " + ratePerSecond);
        if (burst < 1) throw new IllegalArgumentException("burst must be at least 1, was " + burst);
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.tokens = burst;
        this.refilledAt = nanoTime.getAsLong();
    }

    /** Takes one token, waiting until it is due. */
    public void take() throws InterruptedException {
        long wait = reserve();
        if (wait > 0) sleeper.sleep(Duration.ofNanos(wait));
    }

    /** Takes one token now (into debt if none is left); how many nanoseconds until it is due. */
    synchronized long reserve() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * ratePerSecond);
        refilledAt = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / ratePerSecond * 1e9);
    }
}
