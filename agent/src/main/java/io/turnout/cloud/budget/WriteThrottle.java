package io.turnout.cloud.budget;

import io.turnout.cloud.CloudException;
import io.turnout.time.Sleeper;
import io.turnout.time.TokenBucket;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The write budgets of one AWS account and Region: a {@link TokenBucket} per {@link WriteBudget},
 * which every mutating call takes a token from before it is made ({@link BudgetedGateway}). One
 * instance is shared by every environment of the account and Region, as AWS's buckets are.
 */
public final class WriteThrottle {
    private final Map<String, TokenBucket> byOperation = new HashMap<>();

    /**
     * @param nanoTime the clock the buckets refill on ({@link System#nanoTime}, or the simulated cloud's virtual clock)
     * @param sleeper  how a call waits for its token
     */
    public WriteThrottle(List<WriteBudget> budgets, LongSupplier nanoTime, Sleeper sleeper) {
        for (WriteBudget b : budgets) {
            TokenBucket bucket = new TokenBucket(b.ratePerSecond(), b.burst(), nanoTime, sleeper);
            for (String operation : b.operations()) {
                if (byOperation.put(operation, bucket) != null) {
                    throw new IllegalArgumentException(operation + " is in two write budgets");
                }
            }
        }
    }

    /** AWS's defaults ({@link WriteBudget#AWS_DEFAULTS}) refilling on {@code clock}, waiting through {@code sleeper}. */
    public static WriteThrottle awsDefaults(InstantSource clock, Sleeper sleeper) {
        return new WriteThrottle(WriteBudget.AWS_DEFAULTS, () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }, sleeper);
    }

    /**
     * Waits until {@code operation} may be called; a call no budget covers (a read) goes at once. An
     * interrupt while waiting is the deployment stopping: it surfaces as a transient error of the call,
     * which the executor's retry turns into a failure of the step (with the interrupt kept).
     */
    public void take(String operation) {
        TokenBucket bucket = byOperation.get(operation);
        if (bucket == null) return;
        try {
            bucket.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudException(CloudException.Kind.SERVER_ERROR, "Interrupted", operation, 0,
                    "interrupted while waiting for the write budget");
        }
    }
}
