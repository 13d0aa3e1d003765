package io.turnout.apply;

import io.turnout.cloud.CloudException;
import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.HttpProbe;
import io.turnout.cloud.LoadBalancerBinding;
import io.turnout.cloud.UpdateServiceRequest;
import io.turnout.plan.ListenerRoute;
import io.turnout.plan.TaskDefinitionRef;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.time.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * What every step runner of one deployment shares: the cloud, the environment, the way to
 * wait and retry, and what earlier steps produced (the task definition ARN a
 * RegisterTaskDefinition step registered, the definition each ECS service was updated to) —
 * filled from the journal when a new process resumes a deployment.
 *
 * <p>Each service's track works on its own view ({@link #forTrack}): its lines start with the
 * service's name and its retries say so too. What steps produced is shared by the views (every key
 * belongs to one service: a task definition family, an ECS service name, a service name).
 */
final class StepContext {
    final CloudGateway cloud;
    final EnvironmentSpec environment;
    final Progress progress;
    final Sleeper sleeper;
    final InstantSource clock;
    final CloudRetry retry;
    final HttpProbe http;
    final ExecutorSettings settings;
    private final Map<String, String> registered;
    private final Map<String, String> expected;
    private final Map<String, SlotCheck> productionChecks;
    /** The deployment of AWS's engine a step started, by Turnout service: {@code ecs:<arn>} or {@code codeDeploy:<id>}. */
    private final Map<String, String> engineDeployments;

    StepContext(CloudGateway cloud, EnvironmentSpec environment, Progress progress, Sleeper sleeper,
                InstantSource clock, CloudRetry retry, HttpProbe http, ExecutorSettings settings) {
        this(cloud, environment, progress, sleeper, clock, retry, http, settings, new ConcurrentHashMap<>(),
                new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    }

    private StepContext(CloudGateway cloud, EnvironmentSpec environment, Progress progress, Sleeper sleeper,
                        InstantSource clock, CloudRetry retry, HttpProbe http, ExecutorSettings settings,
                        Map<String, String> registered, Map<String, String> expected, Map<String, SlotCheck> productionChecks,
                        Map<String, String> engineDeployments) {
        this.cloud = cloud;
        this.environment = environment;
        this.progress = progress;
        this.sleeper = sleeper;
        this.clock = clock;
        this.retry = retry;
        this.http = http;
        this.settings = settings;
        this.registered = registered;
        this.expected = expected;
        this.productionChecks = productionChecks;
        this.engineDeployments = engineDeployments;
    }

    /** The view of {@code service}'s track: its lines (and its retries' lines) begin with {@code service: }. */
    StepContext forTrack(String service) {
        Progress lines = TrackProgress.prefixed(progress, service + ": ");
        return new StepContext(cloud, environment, lines, sleeper, clock, retry.reporting(lines), http, settings,
                registered, expected, productionChecks, engineDeployments);
    }

    /** The same context with a more patient retry: a rollback keeps trying through longer outages. */
    StepContext withPersistentRetry() {
        return new StepContext(cloud, environment, progress, sleeper, clock, retry.persistent(), http, settings,
                registered, expected, productionChecks, engineDeployments);
    }

    Instant now() {
        return clock.instant();
    }

    void say(String line) {
        progress.line(line);
    }

    /** One cloud call, with transient errors retried. */
    <T> T call(Supplier<T> call) {
        return retry.call(call);
    }

    void run(Runnable call) {
        retry.run(call);
    }

    /** Sleeps {@code d}, but not past {@code deadline}. */
    void sleepUntilAtMost(Duration d, Instant deadline) {
        Duration left = Duration.between(now(), deadline);
        Duration wait = left.compareTo(d) < 0 ? left : d;
        if (!wait.isNegative() && !wait.isZero()) sleep(wait);
    }

    /** Waits {@code d}; an interrupt ends the deployment as a failure (the journal lets it resume). */
    void sleep(Duration d) {
        sleep(sleeper, d);
    }

    static void sleep(Sleeper sleeper, Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailure("interrupted while waiting " + d.toSeconds() + "s", e);
        }
    }

    // ---- what earlier steps produced ----

    void registered(String family, String arn) {
        registered.put(family, arn);
    }

    String taskDefinitionArn(TaskDefinitionRef ref) {
        if (ref.arn().isPresent()) return ref.arn().get();
        String arn = registered.get(ref.family());
        if (arn == null) {
            throw new StepFailure("no revision of task definition " + ref.family() + " was registered by this plan"
                    + " (its RegisterTaskDefinition step has not run): this is a bug in the plan's order");
        }
        return arn;
    }

    /** The task definition {@code ecsServiceName} was just updated to: what its steady state must run. */
    void expect(String ecsServiceName, String taskDefinitionArn) {
        expected.put(ecsServiceName, taskDefinitionArn);
    }

    Optional<String> expected(String ecsServiceName) {
        return Optional.ofNullable(expected.get(ecsServiceName));
    }

    /** The deployment AWS's engine started for {@code service} in this plan: {@code ecs:<arn>} or {@code codeDeploy:<id>}. */
    void engineDeployment(String service, String engineAndId) {
        engineDeployments.put(service, engineAndId);
    }

    Optional<String> engineDeployment(String service) {
        return Optional.ofNullable(engineDeployments.get(service));
    }

    /**
     * Takes in what a step recorded in the journal ({@code family}/{@code ecsService} +
     * {@code taskDefinitionArn}; {@code service} + {@code engineDeployment}).
     */
    void absorb(JsonNode result) {
        if (result.has("engineDeployment")) engineDeployment(result.path("service").asString(), result.get("engineDeployment").asString());
        String arn = result.path("taskDefinitionArn").asString(null);
        if (arn == null) return;
        if (result.has("family")) registered(result.get("family").asString(), arn);
        if (result.has("ecsService")) expect(result.get("ecsService").asString(), arn);
    }

    /**
     * How to re-check a service's new BLUE after the swap (steady, healthy targets; no HTTP,
     * as stage then reaches the old slot): the last look before its old slot is downsized.
     */
    void productionCheck(String service, SlotCheck check) {
        productionChecks.put(service, check);
    }

    Optional<SlotCheck> productionCheck(String service) {
        return Optional.ofNullable(productionChecks.get(service));
    }

    // ---- common calls ----

    Optional<EcsServiceInfo> findService(String cluster, String name) {
        return call(() -> cloud.ecs().describeServices(cluster, List.of(name))).services().stream()
                .filter(s -> "ACTIVE".equals(s.status())).findFirst();
    }

    EcsServiceInfo service(String cluster, String name) {
        return findService(cluster, name).orElseThrow(() -> new StepFailure("ECS service " + name
                + " not found (or not ACTIVE) in cluster " + cluster + ": it was deleted while deploying;"
                + " plan again to recreate it"));
    }

    EcsServiceInfo updateService(String cluster, String name, Optional<String> taskDefinition,
                                 Optional<Integer> desiredCount, Optional<JsonNode> settings) {
        return updateService(cluster, name, taskDefinition, desiredCount, settings, Optional.empty());
    }

    /** UpdateService; {@code loadBalancers}, when present, replace the service's target group bindings. */
    EcsServiceInfo updateService(String cluster, String name, Optional<String> taskDefinition,
                                 Optional<Integer> desiredCount, Optional<JsonNode> settings,
                                 Optional<List<LoadBalancerBinding>> loadBalancers) {
        return call(() -> cloud.ecs().updateService(new UpdateServiceRequest(cluster, name, taskDefinition,
                desiredCount, UpdatableSettings.of(settings), false, loadBalancers)));
    }

    /** Points a listener's default action, or one rule, at a target group. */
    void route(ListenerRoute route, String targetGroupArn) {
        route(route.listenerArn(), route.ruleArn(), targetGroupArn);
    }

    void route(String listenerArn, Optional<String> ruleArn, String targetGroupArn) {
        if (ruleArn.isPresent()) run(() -> cloud.elb().modifyRule(ruleArn.get(), targetGroupArn));
        else run(() -> cloud.elb().modifyListener(listenerArn, targetGroupArn));
    }

    /** Deregisters a scalable target; one that is already gone is fine (idempotent). */
    void deregisterScalableTarget(String resourceId) {
        try {
            call(() -> {
                cloud.autoScaling().deregisterScalableTarget(resourceId);
                return null;
            });
        } catch (StepFailure e) {
            if (!(e.getCause() instanceof CloudException c && c.kind() == CloudException.Kind.NOT_FOUND)) throw e;
        }
    }

    static String tasks(int n) {
        return n == 1 ? "1 task" : n + " tasks";
    }

    /** {@code 1m30s}, as specs write durations. */
    static String format(Duration d) {
        if (d.isZero()) return "0s";
        StringBuilder out = new StringBuilder();
        if (d.toHours() > 0) out.append(d.toHours()).append('h');
        if (d.toMinutesPart() > 0) out.append(d.toMinutesPart()).append('m');
        if (d.toSecondsPart() > 0 || out.isEmpty()) out.append(d.toSecondsPart()).append('s');
        return out.toString();
    }
}
