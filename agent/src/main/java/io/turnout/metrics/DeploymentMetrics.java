package io.turnout.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.turnout.cloud.CallStats;
import io.turnout.events.DeploymentEvent.CloudCallsCounted;
import io.turnout.events.DeploymentEvent.CommitDecided;
import io.turnout.events.DeploymentEvent.DeploymentFinished;
import io.turnout.events.DeploymentEvent.PlanMade;
import io.turnout.events.DeploymentEvent.PollFailed;
import io.turnout.events.DeploymentEvent.PollStarted;
import io.turnout.events.DeploymentEvent.ProblemCleared;
import io.turnout.events.DeploymentEvent.ProblemPersists;
import io.turnout.events.DeploymentEvent.ProblemStarted;
import io.turnout.events.DeploymentEvent.ServiceFinished;
import io.turnout.events.DeploymentEvent;
import io.turnout.events.DeploymentSubscriber;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The deployment events as meters in the shared registry (scraped at {@code /metrics}):
 * <ul>
 *   <li>{@code turnout_polls_total{environment}}: polls;</li>
 *   <li>{@code turnout_commits_total{environment,outcome}}: commits applied, failed, invalid, superseded, planned;</li>
 *   <li>{@code turnout_plan_steps{environment}}: steps per plan that was carried out or kept for review;</li>
 *   <li>{@code turnout_deployment_duration_seconds{environment,result}}: how long deployments took;</li>
 *   <li>{@code turnout_service_deployments_total{environment,service,result}}: each service's track of a
 *       deployment, applied, rolled back, failed or skipped (services deploy on their own);</li>
 *   <li>{@code turnout_aws_calls_total{environment,operation}}: AWS calls by operation (from the gateway's {@link CallStats});</li>
 *   <li>{@code turnout_aws_throttles_total{environment}}: throttling errors that reached the reconciler (after the executor's own retries);</li>
 *   <li>{@code turnout_poll_failures_total{environment,kind}}: polls that failed, transient or terminal;</li>
 *   <li>{@code turnout_environment_problem{environment}}: 1 while the environment has a problem (shown on the
 *       status page, in the API and in {@code /health}), 0 once a poll went well again.</li>
 * </ul>
 */
public final class DeploymentMetrics implements DeploymentSubscriber {
    private final MeterRegistry registry;
    private final Set<String> callCounters = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> problems = new ConcurrentHashMap<>();

    public DeploymentMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records into a private registry: for tests and the command line without a server. */
    public static DeploymentMetrics standalone() {
        return new DeploymentMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void on(DeploymentEvent event) {
        String environment = event.environment();
        switch (event) {
            case PollStarted e -> Counter.builder("turnout.polls").description("Polls of the spec repository")
                    .tag("environment", environment).register(registry).increment();
            case PollFailed e -> {
                if (e.throttled()) {
                    Counter.builder("turnout.aws.throttles").description("Throttling errors that reached the reconciler")
                            .tag("environment", environment).register(registry).increment();
                }
                Counter.builder("turnout.poll.failures").description("Failed polls").tag("environment", environment)
                        .tag("kind", e.transientError() ? "transient" : "terminal").register(registry).increment();
            }
            case CommitDecided e -> Counter.builder("turnout.commits").description("Commits by outcome").tag("environment", environment)
                    .tag("outcome", e.outcome().outcome().name().toLowerCase(Locale.ROOT)).register(registry).increment();
            case PlanMade e -> DistributionSummary.builder("turnout.plan.steps").description("Steps per plan")
                    .tag("environment", environment).register(registry).record(e.plan().stepCount());
            case DeploymentFinished e -> {
                if (e.result().isPresent()) {
                    Timer.builder("turnout.deployment.duration").description("Deployment duration").tag("environment", environment)
                            .tag("result", e.succeeded() ? "succeeded" : "failed").register(registry).record(e.took());
                }
            }
            case ServiceFinished e -> Counter.builder("turnout.service.deployments")
                    .description("Services deployed, by result (applied, rolled_back, failed, skipped)")
                    .tag("environment", environment).tag("service", e.outcome().service())
                    .tag("result", e.outcome().result().name().toLowerCase(Locale.ROOT)).register(registry).increment();
            case CloudCallsCounted e -> awsCalls(environment, e.calls());
            case ProblemStarted e -> problem(environment).set(1);
            case ProblemPersists e -> problem(environment).set(1);
            case ProblemCleared e -> problem(environment).set(0);
            default -> { }
        }
    }

    /** The problem gauge of {@code environment}, registered on first use. */
    private AtomicInteger problem(String environment) {
        return problems.computeIfAbsent(environment, e -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("turnout.environment.problem", value, AtomicInteger::get)
                    .description("1 while the environment has an unresolved problem, else 0").tag("environment", e).register(registry);
            return value;
        });
    }

    /** Exposes the gateway's call counters; each operation is registered once. */
    private void awsCalls(String environment, CallStats stats) {
        for (String operation : stats.snapshot().keySet()) {
            if (!callCounters.add(environment + "|" + operation)) continue;
            FunctionCounter.builder("turnout.aws.calls", stats, s -> s.count(operation)).description("AWS calls by operation")
                    .tag("environment", environment).tag("operation", operation).register(registry);
        }
    }
}
