package io.turnout.reconcile;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.turnout.agent.CommitOutcome;
import io.turnout.cloud.CallStats;
import java.time.Duration;
import java.util.Locale;

/**
 * What the reconcile core records in the shared meter registry (scraped at {@code /metrics}):
 * <ul>
 *   <li>{@code turnout_polls_total{environment}}: polls;</li>
 *   <li>{@code turnout_commits_total{environment,outcome}}: commits applied, failed, invalid, superseded, planned;</li>
 *   <li>{@code turnout_plan_steps{environment}}: steps per plan that was carried out or kept for review;</li>
 *   <li>{@code turnout_deployment_duration_seconds{environment,result}}: how long deployments took;</li>
 *   <li>{@code turnout_aws_calls_total{environment,operation}}: AWS calls by operation (from the gateway's {@link CallStats});</li>
 *   <li>{@code turnout_aws_throttles_total{environment}}: throttling errors that reached the reconciler (after the executor's own retries);</li>
 *   <li>{@code turnout_poll_failures_total{environment,kind}}: polls that failed, transient or terminal.</li>
 * </ul>
 */
public final class ReconcileMetrics {
    private final MeterRegistry registry;
    private final java.util.Set<String> callCounters = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public ReconcileMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records into a private registry: for tests and the command line without a server. */
    public static ReconcileMetrics standalone() {
        return new ReconcileMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    void poll(String environment) {
        Counter.builder("turnout.polls").description("Polls of the spec repository").tag("environment", environment)
                .register(registry).increment();
    }

    void outcome(String environment, CommitOutcome.Outcome outcome) {
        Counter.builder("turnout.commits").description("Commits by outcome").tag("environment", environment)
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    void planSteps(String environment, int steps) {
        DistributionSummary.builder("turnout.plan.steps").description("Steps per plan").tag("environment", environment)
                .register(registry).record(steps);
    }

    void deployment(String environment, boolean succeeded, Duration duration) {
        Timer.builder("turnout.deployment.duration").description("Deployment duration").tag("environment", environment)
                .tag("result", succeeded ? "succeeded" : "failed").register(registry).record(duration);
    }

    void throttled(String environment) {
        Counter.builder("turnout.aws.throttles").description("Throttling errors that reached the reconciler")
                .tag("environment", environment).register(registry).increment();
    }

    void pollFailure(String environment, boolean transientFailure) {
        Counter.builder("turnout.poll.failures").description("Failed polls").tag("environment", environment)
                .tag("kind", transientFailure ? "transient" : "terminal").register(registry).increment();
    }

    /** Exposes the gateway's call counters; each operation is registered once. */
    void awsCalls(String environment, CallStats stats) {
        for (String operation : stats.snapshot().keySet()) {
            if (!callCounters.add(environment + "|" + operation)) continue;
            FunctionCounter.builder("turnout.aws.calls", stats, s -> s.count(operation)).description("AWS calls by operation")
                    .tag("environment", environment).tag("operation", operation).register(registry);
        }
    }
}
