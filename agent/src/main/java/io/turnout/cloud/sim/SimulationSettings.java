package io.turnout.cloud.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * How fast the simulated cloud moves.
 *
 * @param taskStartDelay   a task stays PENDING this long, then RUNNING (or STOPPED when a fault makes it fail)
 * @param healthCheckDelay a registered target stays {@code initial} this long, then healthy (or unhealthy)
 * @param dnsChangeDelay   a Route 53 change stays PENDING this long, then INSYNC
 * @param callLatency      a modelled AWS round trip: every API call (and every further page of a
 *                         paginated read) takes this long in REAL time, slept outside the partition's
 *                         lock so that concurrent calls overlap as they would against AWS. Zero (the
 *                         default) everywhere except {@code turnout bench}: tests never sleep.
 */
public record SimulationSettings(Duration taskStartDelay, Duration healthCheckDelay, Duration dnsChangeDelay,
                                 Duration callLatency) {
    /** 20s, 10s, 30s: the order of magnitude AWS shows for a small Fargate task and an ALB with a short interval. */
    public static final SimulationSettings DEFAULT =
            new SimulationSettings(Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofSeconds(30));

    public SimulationSettings {
        Objects.requireNonNull(taskStartDelay, "taskStartDelay");
        Objects.requireNonNull(healthCheckDelay, "healthCheckDelay");
        Objects.requireNonNull(dnsChangeDelay, "dnsChangeDelay");
        Objects.requireNonNull(callLatency, "callLatency");
        if (taskStartDelay.isNegative() || healthCheckDelay.isNegative() || dnsChangeDelay.isNegative()
                || callLatency.isNegative()) {
            throw new IllegalArgumentException("simulation delays must not be negative");
        }
    }

    /** Without modelled call latency. */
    public SimulationSettings(Duration taskStartDelay, Duration healthCheckDelay, Duration dnsChangeDelay) {
        this(taskStartDelay, healthCheckDelay, dnsChangeDelay, Duration.ZERO);
    }

    /** The same settings with every API call taking {@code latency} of real time. */
    public SimulationSettings withCallLatency(Duration latency) {
        return new SimulationSettings(taskStartDelay, healthCheckDelay, dnsChangeDelay, latency);
    }
}
