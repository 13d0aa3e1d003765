package io.turnout.apply;

import io.turnout.cloud.CloudException;
import io.turnout.time.Sleeper;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Retries transient cloud errors ({@link CloudException#retryable()}: throttling, 5xx,
 * conflicts) with capped exponential backoff and jitter, and says what happens next
 * ("throttled by ecs:UpdateService, retrying in 4s (attempt 2/8)"). Terminal errors (not
 * found, invalid request, access denied) are not retried: they become a {@link StepFailure}
 * at once, as does the last transient one.
 *
 * <p>Backoff: {@code base × 2^(attempt-1)}, capped, then "equal jitter" (half fixed, half
 * random) so that several agents throttled together do not retry in lock-step.
 */
public final class CloudRetry {
    private final int maxAttempts;
    private final Duration base;
    private final Duration cap;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Progress progress;

    public CloudRetry(int maxAttempts, Duration base, Duration cap, Sleeper sleeper, RandomGenerator random,
                      Progress progress) {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
        this.maxAttempts = maxAttempts;
        this.base = base;
        this.cap = cap;
        this.sleeper = sleeper;
        this.random = random;
        this.progress = progress;
    }

    /** 8 attempts, 1s doubling up to 30s: about two minutes of throttling before a step gives up. */
    public static CloudRetry standard(Sleeper sleeper, RandomGenerator random, Progress progress) {
        return new CloudRetry(8, Duration.ofSeconds(1), Duration.ofSeconds(30), sleeper, random, progress);
    }

    /** The same policy with more attempts: rollbacks try harder than deployments. */
    public CloudRetry withAttempts(int attempts) {
        return new CloudRetry(attempts, base, cap, sleeper, random, progress);
    }

    public <T> T call(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (CloudException e) {
                if (!e.retryable()) throw new StepFailure(e.describe(), e);
                if (attempt >= maxAttempts) {
                    throw new StepFailure(what(e) + " " + maxAttempts + " times in a row, giving up: " + e.describe(), e);
                }
                Duration delay = delay(attempt);
                progress.line(what(e) + ", retrying in " + seconds(delay) + " (attempt " + (attempt + 1) + "/"
                        + maxAttempts + ")");
                StepContext.sleep(sleeper, delay);
            }
        }
    }

    public void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    Duration delay(int attempt) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
        long half = ceiling / 2;
        return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
    }

    private static String what(CloudException e) {
        return switch (e.kind()) {
            case THROTTLED -> "throttled by " + e.operation();
            case SERVER_ERROR -> e.operation() + " failed with " + e.statusCode() + " " + e.errorCode();
            default -> e.operation() + " refused for now (" + e.errorCode() + ")";
        };
    }

    private static String seconds(Duration d) {
        long s = Math.round(d.toMillis() / 1000.0);
        return s < 1 ? d.toMillis() + "ms" : s + "s";
    }
}
