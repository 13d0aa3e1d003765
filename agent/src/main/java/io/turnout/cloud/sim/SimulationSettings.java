package io.turnout.cloud.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * How fast the simulated cloud moves.
 *
 * @param taskStartDelay   a task stays PENDING this long, then RUNNING (or STOPPED when a fault makes it fail)
 * @param healthCheckDelay a registered target stays {@code initial} this long, then healthy (or unhealthy)
 * @param dnsChangeDelay   a Route 53 change stays PENDING this long, then INSYNC
 */
public record SimulationSettings(Duration taskStartDelay, Duration healthCheckDelay, Duration dnsChangeDelay) {
    /** 20s, 10s, 30s: the order of magnitude AWS shows for a small Fargate task and an ALB with a short interval. */
    public static final SimulationSettings DEFAULT =
            new SimulationSettings(Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofSeconds(30));

    public SimulationSettings {
        Objects.requireNonNull(taskStartDelay, "taskStartDelay");
        Objects.requireNonNull(healthCheckDelay, "healthCheckDelay");
        Objects.requireNonNull(dnsChangeDelay, "dnsChangeDelay");
        if (taskStartDelay.isNegative() || healthCheckDelay.isNegative() || dnsChangeDelay.isNegative()) {
            throw new IllegalArgumentException("simulation delays must not be negative");
        }
    }
}
