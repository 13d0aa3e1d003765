package io.turnout.notify;

import io.turnout.time.Sleeper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends notices on a thread of its own, so that the publisher of the deployment events (a
 * deployment) never waits for Slack: {@link #submit} only queues. Each delivery is tried up to
 * {@code attempts} times, waiting {@code base × 2^(n-1)} (at most {@code cap}) between tries; a
 * receiver that refuses for good (a 4xx) is not retried. What fails is logged with the channel's
 * host, never its secret URL. A full queue (a receiver down for long) drops the newest notice
 * with a warning rather than holding memory without bound.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    static final int QUEUE = 1_000;

    private final List<Channel> channels;
    private final int attempts;
    private final Duration base;
    private final Duration cap;
    private final Sleeper sleeper;
    private final ExecutorService executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(QUEUE), r -> {
                Thread t = new Thread(r, "turnout-notifications");
                t.setDaemon(true);
                return t;
            });

    public Dispatcher(List<Channel> channels, int attempts, Duration base, Duration cap, Sleeper sleeper) {
        if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1");
        this.channels = List.copyOf(channels);
        this.attempts = attempts;
        this.base = base;
        this.cap = cap;
        this.sleeper = sleeper;
    }

    /** 5 tries, 2 s doubling up to 1 min: a receiver may be down about two minutes before a notice is given up. */
    public static Dispatcher standard(List<Channel> channels) {
        return new Dispatcher(channels, 5, Duration.ofSeconds(2), Duration.ofMinutes(1), Sleeper.real());
    }

    public boolean isEmpty() {
        return channels.isEmpty();
    }

    /** Queues {@code notice} for every channel that wants it; returns at once. */
    public void submit(Notice notice) {
        for (Channel channel : channels) {
            if (!channel.wants(notice)) continue;
            try {
                executor.execute(() -> deliver(channel, notice));
            } catch (RejectedExecutionException e) {
                LOG.warn("{}: notification queue full ({} waiting): dropped '{}' for {}", notice.environment(), QUEUE,
                        notice.kind().event(), channel.describe());
            }
        }
    }

    private void deliver(Channel channel, Notice notice) {
        for (int attempt = 1; ; attempt++) {
            try {
                channel.send(notice);
                return;
            } catch (Delivery.Rejected e) {
                LOG.warn("{}: notification '{}' refused by {}: {}", notice.environment(), notice.kind().event(), channel.describe(),
                        e.getMessage());
                return;
            } catch (IOException | RuntimeException e) {
                if (attempt >= attempts) {
                    LOG.warn("{}: notification '{}' to {} failed {} times, given up: {}", notice.environment(),
                            notice.kind().event(), channel.describe(), attempts, e.getMessage());
                    return;
                }
                Duration delay = delay(attempt);
                LOG.info("{}: notification '{}' to {} failed ({}), retrying in {}s", notice.environment(), notice.kind().event(),
                        channel.describe(), e.getMessage(), delay.toSeconds());
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    Duration delay(int attempt) {
        long millis = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(millis);
    }

    /** Lets queued notices go out for up to {@code wait}, then stops. */
    public void close(Duration wait) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) executor.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
