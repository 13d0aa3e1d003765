package io.turnout.apply;

import java.time.Duration;

/**
 * How often the executor looks and how long it waits for things AWS does at its own pace.
 *
 * @param pollInterval    between two looks at a service waiting for steady state (default 15s)
 * @param bakeRecheck     between two re-checks while a slot bakes (default 15s)
 * @param healthWait      how long new targets may stay {@code initial} before verification fails (default 5m)
 * @param dnsSyncTimeout  how long a Route 53 change may stay PENDING (default 10m)
 */
public record ExecutorSettings(Duration pollInterval, Duration bakeRecheck, Duration healthWait,
                               Duration dnsSyncTimeout) {
    public static final ExecutorSettings DEFAULT = new ExecutorSettings(Duration.ofSeconds(15), Duration.ofSeconds(15),
            Duration.ofMinutes(5), Duration.ofMinutes(10));
}
