package io.turnout.live;

import io.turnout.cloud.CloudException;
import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.ScalableTargetInfo;
import io.turnout.cloud.ScalingPolicyInfo;
import io.turnout.cloud.TaskDefinitionInfo;
import io.turnout.spec.BlueGreen;
import io.turnout.spec.DnsTraffic;
import io.turnout.spec.EffectiveService;
import io.turnout.spec.ElbTraffic;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.Rolling;
import io.turnout.spec.Slot;
import io.turnout.spec.SpecTree;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads one environment with the fewest calls AWS allows. ECS services are looked up by
 * their deterministic names ({@code <svc>--a}, {@code <svc>--b}, or {@code <svc>} for rolling
 * services), 10 per DescribeServices with their tags; each task definition in use is
 * described once; ELB and DNS pieces are read once per load balancer, listener, zone and
 * namespace ({@link ElbTrafficReads}, {@link DnsTrafficReads}); auto scaling in batches of
 * 50 resource ids plus one DescribeScalingPolicies filtered here. Target health is not
 * read: it belongs to deployments, not to planning.
 *
 * <p>Missing infrastructure is reported per service in {@link LiveService#problems()} by
 * name, never thrown. Services whose ECS status is DRAINING or INACTIVE count as absent.
 * Throttling and other transient errors propagate as {@link CloudException}; retrying is
 * the caller's decision. Services tagged for the environment that no spec names are not
 * looked for (that would need ListServices over the whole cluster).
 */
public final class BatchedLiveStateReader implements LiveStateReader {
    private static final int DESCRIBE_SERVICES_BATCH = 10;
    private static final int SCALABLE_TARGETS_BATCH = 50;

    private final CloudGateway gateway;

    public BatchedLiveStateReader(CloudGateway gateway) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    @Override
    public LiveState read(EnvironmentSpec environment, SpecTree specs) {
        List<EffectiveService> services = specs.servicesIn(environment);
        String where = environment.aws().accountId().map(a -> a + "/").orElse("") + environment.aws().region();
        String cluster = environment.cluster();
        boolean clusterExists = gateway.ecs().describeClusters(List.of(cluster)).stream()
                .anyMatch(c -> c.name().equals(cluster) && "ACTIVE".equals(c.status()));

        Map<String, EcsServiceInfo> ecsServices = clusterExists ? describeServices(cluster, services) : Map.of();
        Map<String, TaskDefinitionInfo> taskDefinitions = describeTaskDefinitions(ecsServices.values());
        Map<String, LiveScaling> scaling = readScaling(cluster, ecsServices.keySet());
        ElbTrafficReads elb = new ElbTrafficReads(gateway, where, services.stream()
                .map(s -> s.strategy() instanceof BlueGreen bg && bg.traffic() instanceof ElbTraffic t ? t : null)
                .filter(Objects::nonNull).toList());
        DnsTrafficReads dns = new DnsTrafficReads(gateway, services.stream()
                .map(s -> s.strategy() instanceof BlueGreen bg && bg.traffic() instanceof DnsTraffic t ? t : null)
                .filter(Objects::nonNull).toList());

        Map<String, LiveService> live = new TreeMap<>();
        for (EffectiveService svc : services) {
            List<String> problems = new ArrayList<>();
            if (!clusterExists) problems.add("cluster " + cluster + " not found in " + where);
            Slots slots = new Slots(ecsServices, taskDefinitions, scaling, problems);
            LiveService service = switch (svc.strategy()) {
                case Rolling r -> new LiveService(svc.name(), Optional.empty(), Optional.empty(),
                        slots.slot(null, svc.name()), Optional.empty(), problems);
                case BlueGreen bg -> {
                    Optional<LiveSlot> a = slots.slot(Slot.A, Slot.A.ecsServiceName(svc.name()));
                    Optional<LiveSlot> b = slots.slot(Slot.B, Slot.B.ecsServiceName(svc.name()));
                    Optional<LiveTraffic> traffic = switch (bg.traffic()) {
                        case ElbTraffic t -> {
                            ElbTrafficReads.Result r = elb.traffic(t);
                            problems.addAll(r.problems());
                            yield r.traffic().map(x -> x);
                        }
                        case DnsTraffic t -> {
                            DnsTrafficReads.Result r = dns.traffic(svc.name(), t);
                            problems.addAll(r.problems());
                            yield r.traffic().map(x -> x);
                        }
                    };
                    yield new LiveService(svc.name(), a, b, Optional.empty(), traffic, problems);
                }
            };
            live.put(svc.name(), service);
        }
        return new LiveState(environment.name(), cluster, clusterExists, live);
    }

    /** The ACTIVE ECS services among every slot name, by name; 10 names per call. */
    private Map<String, EcsServiceInfo> describeServices(String cluster, List<EffectiveService> services) {
        List<String> names = new ArrayList<>();
        for (EffectiveService svc : services) {
            if (svc.strategy() instanceof Rolling) {
                names.add(svc.name());
            } else {
                names.add(Slot.A.ecsServiceName(svc.name()));
                names.add(Slot.B.ecsServiceName(svc.name()));
            }
        }
        Map<String, EcsServiceInfo> found = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i += DESCRIBE_SERVICES_BATCH) {
            List<String> batch = names.subList(i, Math.min(names.size(), i + DESCRIBE_SERVICES_BATCH));
            // Unknown names come back as failures (reason MISSING): absent, not an error.
            for (EcsServiceInfo s : gateway.ecs().describeServices(cluster, batch).services()) {
                // A deleted service stays visible as DRAINING, then INACTIVE, for a while: it is gone for Turnout.
                if ("ACTIVE".equals(s.status())) found.put(s.name(), s);
            }
        }
        return found;
    }

    /** Each distinct task definition in use, described once. A missing one is left out (reported per slot). */
    private Map<String, TaskDefinitionInfo> describeTaskDefinitions(java.util.Collection<EcsServiceInfo> services) {
        Map<String, TaskDefinitionInfo> byArn = new HashMap<>();
        for (String arn : new TreeSet<>(services.stream().map(EcsServiceInfo::taskDefinitionArn).toList())) {
            try {
                byArn.put(arn, gateway.ecs().describeTaskDefinition(arn));
            } catch (CloudException e) {
                if (e.kind() != CloudException.Kind.NOT_FOUND) throw e;
            }
        }
        return byArn;
    }

    /** Scalable targets of the existing slots (50 per call) and one unfiltered DescribeScalingPolicies. */
    private Map<String, LiveScaling> readScaling(String cluster, java.util.Set<String> ecsServiceNames) {
        List<String> resourceIds = ecsServiceNames.stream().sorted().map(n -> ScalableTargetInfo.resourceId(cluster, n)).toList();
        Map<String, ScalableTargetInfo> targets = new HashMap<>();
        for (int i = 0; i < resourceIds.size(); i += SCALABLE_TARGETS_BATCH) {
            List<String> batch = resourceIds.subList(i, Math.min(resourceIds.size(), i + SCALABLE_TARGETS_BATCH));
            gateway.autoScaling().describeScalableTargets(batch).forEach(t -> targets.put(t.resourceId(), t));
        }
        if (targets.isEmpty()) return Map.of();
        Map<String, List<ScalingPolicyInfo>> policies = new HashMap<>();
        for (ScalingPolicyInfo p : gateway.autoScaling().describeScalingPolicies(null)) {
            if (targets.containsKey(p.resourceId())) policies.computeIfAbsent(p.resourceId(), k -> new ArrayList<>()).add(p);
        }
        Map<String, LiveScaling> byResource = new HashMap<>();
        targets.forEach((id, t) -> byResource.put(id, new LiveScaling(t, policies.getOrDefault(id, List.of()).stream()
                .sorted(Comparator.comparing(ScalingPolicyInfo::policyName)).toList())));
        return byResource;
    }

    /** Assembles LiveSlots from what was read, adding a problem when a slot's task definition is gone. */
    private record Slots(Map<String, EcsServiceInfo> services, Map<String, TaskDefinitionInfo> taskDefinitions,
                         Map<String, LiveScaling> scaling, List<String> problems) {
        Optional<LiveSlot> slot(Slot slot, String ecsName) {
            EcsServiceInfo svc = services.get(ecsName);
            if (svc == null) return Optional.empty();
            TaskDefinitionInfo td = taskDefinitions.get(svc.taskDefinitionArn());
            if (td == null) {
                problems.add("task definition " + svc.taskDefinitionArn() + " of ECS service " + ecsName
                        + " not found: it was deleted outside Turnout; redeploy the service");
            }
            String clusterName = svc.clusterArn().substring(svc.clusterArn().lastIndexOf('/') + 1);
            return Optional.of(new LiveSlot(slot, svc, td,
                    Optional.ofNullable(scaling.get(ScalableTargetInfo.resourceId(clusterName, ecsName)))));
        }
    }
}
