package io.turnout.apply;

import io.turnout.cloud.CloudException;
import io.turnout.time.Sleeper;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Retries transient cloud errors ({@link CloudException#retryable()}: throttling, 5xx,
 * conflicts) with capped exponential backoff and jitter, and says what happens next
 * ("ecs:UpdateService failed with 503 ServerException, retrying in 4s (attempt 2/8)"). Terminal
 * errors (not found, invalid request, access denied) are not retried: they become a
 * {@link StepFailure} at once, as does the last transient one.
 *
 * <p>Throttling is not a failure of the call but AWS asking to slow down: it is waited out and
 * retried for up to {@code throttlePatience} (15 minutes by default) without counting towards the
 * attempts, so that a burst of other tools in the account never fails a deployment. (Turnout's own
 * mutating calls stay within the account's write budgets and are not throttled in the first place.)
 *
 * <p>Backoff: {@code base × 2^(attempt-1)}, capped, then "equal jitter" (half fixed, half
 * random) so that several agents throttled together do not retry in lock-step.
 */
public final class CloudRetry {
    private final int maxAttempts;
    private final Duration base;
    private final Duration cap;
    private final Duration throttlePatience;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Progress progress;

    public CloudRetry(int maxAttempts, Duration base, Duration cap, Sleeper sleeper, RandomGenerator random,
                      Progress progress) {
        this(maxAttempts, base, cap, Duration.ofMinutes(15), sleeper, random, progress);
    }

    private CloudRetry(int maxAttempts, Duration base, Duration cap, Duration throttlePatience, Sleeper sleeper,
                       RandomGenerator random, Progress progress) {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
        this.maxAttempts = maxAttempts;
        this.base = base;
        this.cap = cap;
        this.throttlePatience = throttlePatience;
        this.sleeper = sleeper;
        this.random = random;
        this.progress = progress;
    }

    /** 8 attempts, 1s doubling up to 30s: about two minutes of errors before a step gives up; throttling up to 15 minutes. */
    public static CloudRetry standard(Sleeper sleeper, RandomGenerator random, Progress progress) {
        return new CloudRetry(8, Duration.ofSeconds(1), Duration.ofSeconds(30), sleeper, random, progress);
    }

    /** The same policy with more attempts: rollbacks try harder than deployments. */
    public CloudRetry withAttempts(int attempts) {
        return new CloudRetry(attempts, base, cap, throttlePatience, sleeper, random, progress);
    }

    /** A rollback's policy: 16 attempts, and throttling waited out for twice as long. */
    CloudRetry persistent() {
        return new CloudRetry(16, base, cap, throttlePatience.multipliedBy(2), sleeper, random, progress);
    }

    /** The same policy, saying what happens next to {@code lines}. */
    CloudRetry reporting(Progress lines) {
        return new CloudRetry(maxAttempts, base, cap, throttlePatience, sleeper, random, lines);
    }

    public <T> T call(Supplier<T> call) {
        int attempt = 1;
        int throttles = 0;
        Duration throttledFor = Duration.ZERO;
        while (true) {
            try {
                return call.get();
            } catch (CloudException e) {
                if (!e.retryable()) throw new StepFailure(e.describe(), e);
                Duration delay;
                if (e.kind() == CloudException.Kind.THROTTLED) {
                    throttles++;
                    delay = delay(throttles);
                    if (throttledFor.plus(delay).compareTo(throttlePatience) > 0) {
                        throw new StepFailure("throttled by " + e.operation() + " for " + seconds(throttledFor)
                                + " in a row, giving up: " + e.describe(), e);
                    }
                    throttledFor = throttledFor.plus(delay);
                    progress.line("throttled by " + e.operation() + ", retrying in " + seconds(delay) + " (retry " + throttles
                            + "; throttling is waited out for up to " + seconds(throttlePatience) + ")");
                } else {
                    if (attempt >= maxAttempts) {
                        throw new StepFailure(what(e) + " " + maxAttempts + " times in a row, giving up: " + e.describe(), e);
                    }
                    delay = delay(attempt);
                    attempt++;
                    progress.line(what(e) + ", retrying in " + seconds(delay) + " (attempt " + attempt + "/" + maxAttempts + ")");
                }
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
            case SERVER_ERROR -> e.operation() + " failed with " + e.statusCode() + " " + e.errorCode();
            default -> e.operation() + " refused for now (" + e.errorCode() + ")";
        };
    }

    private static String seconds(Duration d) {
        if (d.toMinutes() >= 1 && d.toSecondsPart() == 0) return d.toMinutes() + "m";
        long s = Math.round(d.toMillis() / 1000.0);
        return s < 1 ? d.toMillis() + "ms" : s + "s";
    }
}
