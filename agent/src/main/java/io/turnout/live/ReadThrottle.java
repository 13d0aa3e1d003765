package io.turnout.live;

import io.turnout.cloud.CloudException;
import io.turnout.time.Sleeper;
import io.turnout.time.TokenBucket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * Runs independent read calls concurrently on virtual threads, within one {@link ReadBudget} per
 * AWS service: a token bucket for the rate and a semaphore for the calls in flight. Share one
 * instance between the readers of environments in the same account and Region, so that together
 * they stay within the account's budget.
 *
 * <p>{@link #all} returns results in the order of the calls, whatever order they complete in, so
 * what a reader builds from them does not depend on timing. When several calls fail, the failure
 * of the earliest call in that order is thrown, for the same reason.
 */
public final class ReadThrottle {
    /** How a batch of calls is run; {@link #VIRTUAL_THREADS} in production, tests may reorder completion. */
    @FunctionalInterface
    public interface Fanout {
        <T> List<T> run(List<Callable<T>> calls) throws Exception;
    }

    /** One virtual thread per call. */
    public static final Fanout VIRTUAL_THREADS = new Fanout() {
        @Override
        public <T> List<T> run(List<Callable<T>> calls) throws Exception {
            if (calls.size() == 1) return Collections.singletonList(calls.getFirst().call());
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<T>> futures = new ArrayList<>(calls.size());
                for (Callable<T> call : calls) futures.add(executor.submit(call));
                List<T> results = new ArrayList<>(calls.size());
                Exception first = null;
                for (Future<T> f : futures) {
                    try {
                        results.add(f.get());
                    } catch (ExecutionException e) {
                        if (first == null) first = e.getCause() instanceof Exception cause ? cause : e;
                        results.add(null);
                    }
                }
                if (first != null) throw first;
                return results;
            }
        }
    };

    private final Map<String, Bucket> buckets;
    private final Fanout fanout;

    public ReadThrottle(List<ReadBudget> budgets, Fanout fanout, LongSupplier nanoTime, Sleeper sleeper) {
        Objects.requireNonNull(fanout, "fanout");
        Objects.requireNonNull(nanoTime, "nanoTime");
        Objects.requireNonNull(sleeper, "sleeper");
        this.fanout = fanout;
        this.buckets = new HashMap<>();
        for (ReadBudget b : budgets) buckets.put(b.service(), new Bucket(b, nanoTime, sleeper));
    }

    /** AWS's documented default budgets for ECS, ELBv2 and Route 53, on virtual threads and the real clock. */
    public static ReadThrottle awsDefaults() {
        return new ReadThrottle(List.of(ReadBudget.ECS, ReadBudget.ELB, ReadBudget.ROUTE53), VIRTUAL_THREADS,
                System::nanoTime, Sleeper.real());
    }

    /** No rate limits, 16 calls in flight per service: for the simulated cloud without modelled latency. */
    public static ReadThrottle unlimited() {
        return unlimited(VIRTUAL_THREADS);
    }

    public static ReadThrottle unlimited(Fanout fanout) {
        return new ReadThrottle(List.of(ReadBudget.unlimited("ecs", 16), ReadBudget.unlimited("elbv2", 16),
                ReadBudget.unlimited("route53", 16)), fanout, System::nanoTime, nanos -> {
            throw new IllegalStateException("an unlimited budget never waits");
        });
    }

    /**
     * Runs {@code calls} (reads of {@code service}: ecs, elbv2 or route53) concurrently within its
     * budget; the results in the order of {@code calls}. A {@link CloudException} of a call is
     * rethrown as it is.
     */
    public <T> List<T> all(String service, List<Callable<T>> calls) {
        if (calls.isEmpty()) return List.of();
        Bucket bucket = buckets.get(service);
        if (bucket == null) throw new IllegalArgumentException("no read budget for " + service + " (have " + buckets.keySet() + ")");
        List<Callable<T>> limited = calls.stream().<Callable<T>>map(c -> () -> bucket.run(c)).toList();
        try {
            return fanout.run(limited);
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + service, e);
        } catch (Exception e) {
            throw new IllegalStateException("reading " + service + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code tasks} concurrently, outside any budget (each task's own calls go through {@link #all}). */
    public <T> List<T> together(List<Callable<T>> tasks) {
        try {
            return fanout.run(tasks);
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading", e);
        } catch (Exception e) {
            throw new IllegalStateException("reading failed: " + e.getMessage(), e);
        }
    }

    /** A token bucket and a semaphore. */
    private static final class Bucket {
        private final TokenBucket tokens;
        private final Semaphore inFlight;

        Bucket(ReadBudget budget, LongSupplier nanoTime, Sleeper sleeper) {
            this.tokens = new TokenBucket(budget.ratePerSecond(), budget.burst(), nanoTime, sleeper);
            this.inFlight = new Semaphore(budget.concurrency(), true);
        }

        <T> T run(Callable<T> call) throws Exception {
            inFlight.acquire();
            try {
                tokens.take();
                return call.call();
            } finally {
                inFlight.release();
            }
        }
    }
}
