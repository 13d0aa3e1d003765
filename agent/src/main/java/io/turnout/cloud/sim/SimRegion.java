package io.turnout.cloud.sim;

import io.turnout.cloud.CallStats;
import io.turnout.cloud.CloudApis;
import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.CreateServiceRequest;
import io.turnout.cloud.RecordSetInfo;
import io.turnout.cloud.ScalableTargetInfo;
import io.turnout.cloud.ScalingPolicyInfo;
import io.turnout.cloud.TaskDefinitionInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * One (account, region) partition of the simulated cloud: its own resources, its own call
 * statistics and one lock, so that calls to one partition are serialised as AWS would
 * serialise conflicting writes, while partitions stay independent.
 *
 * <p>The {@code add…} methods set up infrastructure Turnout does not create (clusters, load
 * balancers, zones …) without counting as API calls; world files and tests use them.
 */
public final class SimRegion {
    private final SimulatedCloud cloud;
    private final String account;
    private final String region;
    private final ReentrantLock lock = new ReentrantLock();
    private final CallStats stats = new CallStats();
    final SimElbState elbState;
    final SimElb elb;
    final SimEcs ecs;
    final SimRoute53 route53;
    final SimCloudMap cloudMap;
    final SimAutoScaling autoScaling;
    final DeploymentEngine engine;
    final SimServiceDeployments serviceDeployments;
    final SimCodeDeploy codeDeploy;
    final SimCloudWatch cloudWatch;
    private final CloudGateway gateway;
    private long sequence;
    /** Further pages of the current call, counted inside the lock and slept for after it (modelled latency). */
    private static final ThreadLocal<Integer> extraPages = ThreadLocal.withInitial(() -> 0);

    SimRegion(SimulatedCloud cloud, String account, String region) {
        this.cloud = cloud;
        this.account = account;
        this.region = region;
        this.elbState = new SimElbState(this);
        this.elb = new SimElb(this, elbState);
        this.ecs = new SimEcs(this);
        this.route53 = new SimRoute53(this);
        this.cloudMap = new SimCloudMap(this);
        this.autoScaling = new SimAutoScaling(this);
        this.cloudWatch = new SimCloudWatch(this);
        this.engine = new DeploymentEngine(this);
        this.serviceDeployments = new SimServiceDeployments(this);
        this.codeDeploy = new SimCodeDeploy(this);
        engine.register(serviceDeployments);
        engine.register(codeDeploy);
        this.gateway = new CloudApis(ecs, elb, route53, cloudMap, autoScaling, codeDeploy, cloudWatch, stats);
    }

    public String account() {
        return account;
    }

    public String region() {
        return region;
    }

    /** The gateway of this partition; always the same instance, so its stats add up. */
    public CloudGateway gateway() {
        return gateway;
    }

    public CallStats stats() {
        return stats;
    }

    public SimRegion addCluster(String name) {
        return setUp(() -> ecs.addCluster(name));
    }

    /** {@code type}: application or network. */
    public SimRegion addLoadBalancer(String name, String type) {
        return setUp(() -> elbState.addLoadBalancer(name, type));
    }

    public SimRegion addTargetGroup(String name, int port, String protocol, String targetType) {
        return setUp(() -> elbState.addTargetGroup(name, port, protocol, targetType));
    }

    /** A listener whose default action forwards to {@code defaultTargetGroup}, or answers a fixed 404 when null. */
    public SimRegion addListener(String loadBalancer, int port, String protocol, String defaultTargetGroup) {
        return setUp(() -> elbState.addListener(loadBalancer, port, protocol, defaultTargetGroup));
    }

    /** A rule on the listener at {@code port}: path pattern condition, forward to {@code targetGroup}. */
    public SimRegion addRule(String loadBalancer, int port, int priority, String pathPattern, String targetGroup) {
        return setUp(() -> elbState.addRule(loadBalancer, port, priority, pathPattern, targetGroup));
    }

    /**
     * A CodeDeploy application's deployment group of compute platform ECS, for the ECS service
     * {@code service} of {@code cluster}: its two target groups (production's first), the
     * production listener and an optional test listener ({@code testPort} 0: none), both by load
     * balancer and port, the default deployment configuration, the wait before the original task
     * set is terminated, and whether a failed deployment rolls back by itself.
     */
    public SimRegion addDeploymentGroup(String application, String name, String cluster, String service, List<String> targetGroups,
                                        String loadBalancer, int prodPort, int testPort, String deploymentConfigName,
                                        Duration terminationWait, boolean autoRollback) {
        return setUp(() -> {
            SimElbState.LoadBalancer lb = elbState.loadBalancers.get(loadBalancer);
            if (lb == null) throw new IllegalArgumentException("load balancer " + loadBalancer + " is not defined");
            String prod = elbState.listener(lb, prodPort).orElseThrow(() -> new IllegalArgumentException(
                    "load balancer " + loadBalancer + " has no listener on port " + prodPort)).arn;
            String test = testPort == 0 ? null : elbState.listener(lb, testPort).orElseThrow(() -> new IllegalArgumentException(
                    "load balancer " + loadBalancer + " has no listener on port " + testPort)).arn;
            List<String> arns = targetGroups.stream().map(tg -> Optional.ofNullable(elbState.targetGroups.get(tg))
                    .orElseThrow(() -> new IllegalArgumentException("target group " + tg + " is not defined")).arn).toList();
            if (arns.size() != 2) throw new IllegalArgumentException("a deployment group of ECS has two target groups");
            codeDeploy.addGroup(new SimCodeDeploy.Group(application, name, cluster, service, arns, prod, test,
                    deploymentConfigName, terminationWait, autoRollback));
        });
    }

    /**
     * A rule on the listener at {@code port} forwarding to several target groups with weights (by
     * name), as ECS's own blue/green needs its production and test rules: both target groups, one at 0.
     */
    public SimRegion addWeightedRule(String loadBalancer, int port, int priority, String pathPattern, Map<String, Integer> weights) {
        return setUp(() -> {
            String dominant = weights.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            SimElbState.Rule rule = elbState.addRule(loadBalancer, port, priority, pathPattern, dominant);
            Map<String, Integer> byArn = new LinkedHashMap<>();
            weights.forEach((tg, w) -> byArn.put(Optional.ofNullable(elbState.targetGroups.get(tg)).orElseThrow(() ->
                    new IllegalArgumentException("target group " + tg + " is not defined")).arn, w));
            elbState.weigh(elbState.listeners.get(rule.listenerArn), rule, byArn);
        });
    }

    /** {@code name} with or without the final dot. */
    public SimRegion addHostedZone(String name, boolean privateZone) {
        return setUp(() -> route53.addZone(name, privateZone));
    }

    /** Puts a record set into a zone (by zone name), replacing one with the same name, type and set identifier. */
    public SimRegion putRecord(String zoneName, RecordSetInfo record) {
        return setUp(() -> route53.putRecord(zoneName, record));
    }

    /** {@code type}: DNS_PRIVATE, DNS_PUBLIC or HTTP. */
    public SimRegion addNamespace(String name, String type) {
        return setUp(() -> cloudMap.addNamespace(name, type));
    }

    public SimRegion addCloudMapService(String namespace, String name) {
        return setUp(() -> cloudMap.addService(namespace, name));
    }

    /** Registers a task definition revision as RegisterTaskDefinition would, without counting a call. */
    public TaskDefinitionInfo addTaskDefinition(JsonNode request, Map<String, String> tags) {
        return locked(() -> ecs.taskDefinitions.register(request, tags).info());
    }

    /**
     * An ECS service that has been steady since now (its tasks running, targets healthy), as a
     * world file seeds one: for large set-ups, where creating services through the API would
     * make every later call catch up on their deployments. No validation beyond names.
     */
    public SimRegion addSteadyService(CreateServiceRequest request) {
        return setUp(() -> {
            String cluster = SimEcs.lastSegment(request.cluster());
            if (!ecs.clusters.containsKey(cluster)) throw new IllegalArgumentException("no cluster " + cluster);
            if (ecs.services.get(cluster).containsKey(request.serviceName())) {
                throw new IllegalArgumentException("service " + request.serviceName() + " exists");
            }
            SimTaskDefinitions.Revision td = ecs.taskDefinitions.find(request.taskDefinition()).orElseThrow(() ->
                    new IllegalArgumentException("no task definition " + request.taskDefinition()));
            SimService svc = new SimService(cluster, request.serviceName(),
                    arn("ecs", "service/" + cluster + "/" + request.serviceName()), ecs.clusterArn(cluster));
            svc.loadBalancers = request.loadBalancers();
            svc.serviceRegistries = request.serviceRegistries();
            Map<String, String> tags = new TreeMap<>(request.tags());
            svc.settings = ServiceSettings.complete(request.settings(), tags, "set-up");
            svc.tags.putAll(tags);
            svc.desiredCount = request.desiredCount();
            ecs.services.get(cluster).put(svc.name, svc);
            engine.seedSteady(svc, td.arn(), now());
        });
    }

    /** A scalable target, as RegisterScalableTarget would leave it, without counting a call. */
    public SimRegion addScalableTarget(ScalableTargetInfo target) {
        return setUp(() -> {
            autoScaling.targets.put(target.resourceId(), target);
            // its bounds may clamp the service's desired count
            String[] parts = target.resourceId().split("/");
            if (parts.length == 3 && ecs.services.containsKey(parts[1])) {
                SimService svc = ecs.services.get(parts[1]).get(parts[2]);
                if (svc != null) engine.touch(svc);
            }
        });
    }

    /** A scaling policy of an existing scalable target, without counting a call. */
    public SimRegion addScalingPolicy(ScalingPolicyInfo policy) {
        return setUp(() -> {
            if (!autoScaling.targets.containsKey(policy.resourceId())) {
                throw new IllegalArgumentException("no scalable target " + policy.resourceId());
            }
            autoScaling.policies.computeIfAbsent(policy.resourceId(), k -> new TreeMap<>())
                    .put(policy.policyName(), policy);
        });
    }

    /** A CloudWatch alarm in {@code state} (OK, ALARM or INSUFFICIENT_DATA) since now, without counting a call. */
    public SimRegion addAlarm(String name, String state) {
        return setUp(() -> cloudWatch.addAlarm(name, state, "set up in " + state));
    }

    /**
     * The alarm {@code name} goes to {@code state} at {@code at} (on this cloud's clock; at once if
     * that is not in the future), with {@code reason} as CloudWatch's state reason.
     */
    public SimRegion setAlarmState(String name, String state, Instant at, String reason) {
        return setUp(() -> cloudWatch.schedule(name, new SimCloudWatch.Change(at, state, reason)));
    }

    // ---- for the per-service simulators --------------------------------------------------

    SimulatedCloud cloud() {
        return cloud;
    }

    Instant now() {
        return cloud.clock().instant();
    }

    /** {@code arn:aws:<service>:<region>:<account>:<resource>}. */
    String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + account + ":" + resource;
    }

    /** A partition-wide sequence number for ids (deterministic: only calls advance it). */
    long next() {
        return ++sequence;
    }

    /**
     * Runs one API call: counts it, lets faults fail it, then — under the partition lock —
     * brings time-driven state up to now, runs the call and settles what it started.
     */
    <T> T call(String operation, boolean mutating, Supplier<T> body) {
        stats.record(operation);
        cloud.faults().beforeCall(operation, mutating);
        extraPages.set(0);
        lock.lock();
        try {
            engine.advanceTo(now());
            // A mutation may wake any service (and the body may settle before returning): look at all of them.
            if (mutating) engine.touchAll();
            T result = body.get();
            if (mutating) {
                engine.touchAll();
                engine.advanceTo(now());
            }
            return result;
        } finally {
            lock.unlock();
            roundTrips(1 + extraPages.get());
        }
    }

    /** The modelled latency of {@code calls} round trips, slept for real outside the lock (bench only). */
    private void roundTrips(int calls) {
        Duration latency = cloud.settings().callLatency();
        if (latency.isZero()) return;
        try {
            Thread.sleep(latency.multipliedBy(calls));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A paginated read's answer: the gateway contract returns all pages at once, but AWS
     * serves at most {@code pageSize} items per request, so every page after the first is
     * counted as one more call, as the SDK paginator would make it.
     */
    <T> List<T> paged(String operation, int pageSize, List<T> items) {
        for (int pages = Math.max(1, (items.size() + pageSize - 1) / pageSize); pages > 1; pages--) {
            stats.record(operation);
            extraPages.set(extraPages.get() + 1);
        }
        return items;
    }

    void run(String operation, boolean mutating, Runnable body) {
        call(operation, mutating, () -> {
            body.run();
            return null;
        });
    }

    /** Runs {@code body} under the lock with time brought up to date, without counting a call. */
    <T> T locked(Supplier<T> body) {
        lock.lock();
        try {
            engine.advanceTo(now());
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    private SimRegion setUp(Runnable body) {
        locked(() -> {
            body.run();
            return null;
        });
        return this;
    }

    @Override
    public String toString() {
        return account + "/" + region;
    }
}
