package io.turnout.live;

import io.turnout.cloud.CloudException;
import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.ScalableTargetInfo;
import io.turnout.cloud.ScalingPolicyInfo;
import io.turnout.cloud.TaskDefinitionInfo;
import io.turnout.spec.AwsEngine;
import io.turnout.spec.BlueGreen;
import io.turnout.spec.DnsTraffic;
import io.turnout.spec.EffectiveService;
import io.turnout.spec.ElbTraffic;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SingleService;
import io.turnout.spec.Slot;
import io.turnout.spec.SpecTree;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Reads one environment with the fewest calls AWS allows, in two phases.
 *
 * <ol>
 *   <li>Traffic first: ELB pieces once per load balancer and listener ({@link ElbTrafficReads}),
 *       record sets once per zone and Cloud Map once per namespace ({@link DnsTrafficReads}).
 *       That says which slot of each blue/green service is BLUE.</li>
 *   <li>ECS services by their deterministic names, 10 per DescribeServices with their tags:
 *       the BLUE slot of each blue/green service (both slots when none is BLUE yet) and each
 *       rolling service. The GREEN slots are described afterwards, only for services that may
 *       need them: BLUE missing, or BLUE's tags not vouching for the desired spec
 *       ({@link SlotVouch}: the planner's rule, handed in).</li>
 *   <li>Task definitions and auto scaling only of slots the tags do not vouch for: a slot whose
 *       {@code turnout:spec-hash} equals the desired spec's and whose task definition equals its
 *       {@code turnout:task-definition} tag runs what that spec describes; it comes back as
 *       {@link LiveSlot#tagsOnly()}. A no-op reconcile therefore costs ceil(services / 10)
 *       DescribeServices plus a constant per load balancer and zone, and no
 *       DescribeTaskDefinition at all.</li>
 * </ol>
 *
 * <p>A GREEN slot that was skipped is listed in {@link LiveService#notRead()}, so nobody takes
 * "not read" for "absent". Missing infrastructure is reported by name, never thrown: a load
 * balancer, zone or namespace once in {@link LiveState#problems()} (and the same text on each
 * service it blocks), the rest per service. Services whose ECS status is DRAINING or INACTIVE
 * count as absent. Throttling and other transient errors propagate as {@link CloudException};
 * retrying is the caller's decision. Services tagged for the environment that no spec names are
 * not looked for (that would need ListServices over the whole cluster). Target health is not
 * read: it belongs to deployments, not to planning.
 *
 * <p>Independent reads run concurrently on virtual threads: the cluster, the ELB side and the
 * DNS side of phase 1 side by side, and within each the load balancers, listeners, zones and
 * DescribeServices batches; a load balancer's BLUE slots are described as soon as its rules are
 * read ({@link BlueSlotReads}), so phase 2 overlaps phase 1. All of it is bounded per AWS
 * service by a {@link ReadThrottle} (token bucket and calls in flight, AWS's documented defaults
 * in {@link ReadBudget}). Answers are put together in a fixed order afterwards, so the live
 * state does not depend on which call finished first.
 */
public final class BatchedLiveStateReader implements LiveStateReader {
    private static final int DESCRIBE_SERVICES_BATCH = 10;
    private static final int SCALABLE_TARGETS_BATCH = 50;

    private final CloudGateway gateway;
    private final ReadThrottle throttle;
    private final SlotVouch vouch;

    /**
     * A reader within AWS's default read budgets ({@link ReadThrottle#awsDefaults()}), its own
     * buckets. An agent reading several environments of one account passes one shared
     * {@link ReadThrottle} instead, so that together they stay within the account's budget.
     *
     * @param vouch whether a slot's tags vouch for the desired spec (the planner's {@code SlotTags::runsDesired})
     */
    public BatchedLiveStateReader(CloudGateway gateway, SlotVouch vouch) {
        this(gateway, ReadThrottle.awsDefaults(), vouch);
    }

    public BatchedLiveStateReader(CloudGateway gateway, ReadThrottle throttle, SlotVouch vouch) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.vouch = Objects.requireNonNull(vouch, "vouch");
    }

    @Override
    public LiveState read(EnvironmentSpec environment, SpecTree specs) {
        List<EffectiveService> services = specs.servicesIn(environment);
        String where = environment.aws().accountId().map(a -> a + "/").orElse("") + environment.aws().region();
        String cluster = environment.cluster();
        List<ElbTraffic> elbTraffics = services.stream()
                .map(s -> s.strategy() instanceof BlueGreen bg && bg.traffic() instanceof ElbTraffic t ? t : null)
                .filter(Objects::nonNull).toList();
        List<DnsTraffic> dnsTraffics = services.stream()
                .map(s -> s.strategy() instanceof BlueGreen bg && bg.traffic() instanceof DnsTraffic t ? t : null)
                .filter(Objects::nonNull).toList();

        // Phase 1: the cluster and the traffic, which tells the BLUE slot of each blue/green service.
        // ECS, ELB and Route 53 have separate budgets, so the three run side by side; and as soon as a
        // load balancer is read, the BLUE slots of its services are described (phase 2 begins early).
        Map<String, List<EffectiveService>> byLoadBalancer = new HashMap<>();
        for (EffectiveService svc : services) {
            if (svc.strategy() instanceof BlueGreen bg && bg.traffic() instanceof ElbTraffic t) {
                byLoadBalancer.computeIfAbsent(t.loadBalancer(), k -> new ArrayList<>()).add(svc);
            }
        }
        CompletableFuture<Boolean> clusterCheck = new CompletableFuture<>();
        Map<String, EcsServiceInfo> ecsServices = new HashMap<>();
        Map<String, Set<Slot>> notRead = new HashMap<>();
        Map<String, EngineDeploymentReads.Found> engineDeployments = new TreeMap<>();
        Set<String> vouched = new HashSet<>();
        Map<String, Traffic> traffic = new TreeMap<>();
        List<String> environmentProblems = new ArrayList<>();
        try (BlueSlotReads blues = new BlueSlotReads(gateway, throttle, cluster, clusterCheck)) {
            List<Object> phase1 = throttle.together(List.of(
                    () -> checkCluster(cluster, clusterCheck),
                    () -> new ElbTrafficReads(gateway, throttle, where, elbTraffics, (soFar, lb) ->
                            blues.add(knownBlueSlots(soFar, byLoadBalancer.getOrDefault(lb, List.of())))),
                    () -> new DnsTrafficReads(gateway, throttle, dnsTraffics)));
            boolean clusterExists = (Boolean) phase1.get(0);
            ElbTrafficReads elb = (ElbTrafficReads) phase1.get(1);
            DnsTrafficReads dns = (DnsTrafficReads) phase1.get(2);
            environmentProblems.addAll(elb.environmentProblems());
            environmentProblems.addAll(dns.environmentProblems());
            for (EffectiveService svc : services) {
                if (!(svc.strategy() instanceof BlueGreen bg)) continue;
                traffic.put(svc.name(), switch (bg.traffic()) {
                    case ElbTraffic t -> {
                        ElbTrafficReads.Result r = elb.traffic(t);
                        yield new Traffic(r.traffic().map(x -> x), r.problems());
                    }
                    case DnsTraffic t -> {
                        DnsTrafficReads.Result r = dns.traffic(svc.name(), t);
                        yield new Traffic(r.traffic().map(x -> x), r.problems());
                    }
                });
            }

            // Phase 2: the ECS services that are needed, BLUE slots first (those known early are on their way).
            blues.add(firstSlots(services, traffic));
            Map<String, EcsServiceInfo> firstRead = blues.finish();
            if (clusterExists) ecsServices.putAll(firstRead);
        }
        if (clusterCheck.join()) {
            List<String> greens = new ArrayList<>();
            for (EffectiveService svc : services) {
                String single = svc.strategy() instanceof SingleService one ? one.ecsServiceName(svc.name()) : null;
                Optional<Slot> blue = single != null ? Optional.empty() : traffic.get(svc.name()).blue();
                String main = single != null ? single : blue.map(b -> slotName(svc, b)).orElse(null);
                EcsServiceInfo mainService = main == null ? null : ecsServices.get(main);
                boolean tagsVouch = mainService != null && vouch.runsDesired(svc, mainService);
                if (tagsVouch) vouched.add(main);
                if (blue.isEmpty()) continue;
                Slot green = blue.get().other();
                if (tagsVouch) {
                    notRead.put(svc.name(), EnumSet.of(green));
                } else {
                    greens.add(slotName(svc, green));
                }
            }
            ecsServices.putAll(describeServices(cluster, greens));
            EngineDeploymentReads engineReads = new EngineDeploymentReads(gateway, throttle, cluster);
            for (EffectiveService svc : services) {
                if (!(svc.strategy() instanceof AwsEngine engine)) continue;
                String ecsName = engine.ecsServiceName(svc.name());
                engineReads.read(engine, ecsName, Optional.ofNullable(ecsServices.get(ecsName)))
                        .ifPresent(found -> engineDeployments.put(svc.name(), found));
            }
        }

        // Phase 3: details of the slots the tags do not vouch for.
        List<EcsServiceInfo> detailed = ecsServices.values().stream().filter(s -> !vouched.contains(s.name()))
                .sorted(Comparator.comparing(EcsServiceInfo::name)).toList();
        List<String> taskDefinitionArns = new ArrayList<>(detailed.stream().map(EcsServiceInfo::taskDefinitionArn).toList());
        taskDefinitionArns.addAll(EngineDeploymentReads.taskDefinitionArns(engineDeployments.values()));
        Map<String, TaskDefinitionInfo> taskDefinitions = describeTaskDefinitions(taskDefinitionArns);
        Map<String, LiveScaling> scaling = readScaling(cluster, detailed);

        Map<String, LiveService> live = new TreeMap<>();
        for (EffectiveService svc : services) {
            List<String> problems = new ArrayList<>();
            Slots slots = new Slots(ecsServices, vouched, taskDefinitions, scaling, problems);
            LiveService service = switch (svc.strategy()) {
                case AwsEngine engine -> LiveService.engine(svc.name(), slots.slot(null, engine.ecsServiceName(svc.name())),
                        problems, Optional.ofNullable(engineDeployments.get(svc.name())).map(f -> f.with(taskDefinitions)));
                case SingleService one -> new LiveService(svc.name(), Optional.empty(), Optional.empty(),
                        slots.slot(null, one.ecsServiceName(svc.name())), Optional.empty(), problems);
                case BlueGreen bg -> {
                    Traffic t = traffic.get(svc.name());
                    problems.addAll(t.problems());
                    Optional<LiveSlot> a = slots.slot(Slot.A, slotName(svc, Slot.A));
                    Optional<LiveSlot> b = slots.slot(Slot.B, slotName(svc, Slot.B));
                    yield new LiveService(svc.name(), a, b, Optional.empty(), t.traffic(), problems,
                            notRead.getOrDefault(svc.name(), Set.of()), bg.ecsServiceNames(svc.name()));
                }
            };
            live.put(svc.name(), service);
        }
        return new LiveState(environment.name(), cluster, clusterCheck.join(), live, environmentProblems);
    }

    /** DescribeClusters: whether the cluster is ACTIVE, also told to {@code result} (the early ECS reads wait for it). */
    private boolean checkCluster(String cluster, CompletableFuture<Boolean> result) {
        try {
            boolean exists = throttle.all("ecs", List.<Callable<Boolean>>of(() -> gateway.ecs()
                    .describeClusters(List.of(cluster)).stream()
                    .anyMatch(c -> c.name().equals(cluster) && "ACTIVE".equals(c.status())))).getFirst();
            result.complete(exists);
            return exists;
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            throw e;
        }
    }

    /** The ECS services to read first: each rolling service, each BLUE slot, both slots where no slot is BLUE. */
    private static List<String> firstSlots(List<EffectiveService> services, Map<String, Traffic> traffic) {
        List<String> first = new ArrayList<>();
        for (EffectiveService svc : services) {
            if (svc.strategy() instanceof SingleService one) {
                first.add(one.ecsServiceName(svc.name()));
            } else {
                Optional<Slot> blue = traffic.get(svc.name()).blue();
                if (blue.isPresent()) {
                    first.add(slotName(svc, blue.get()));
                } else {
                    first.add(slotName(svc, Slot.A));
                    first.add(slotName(svc, Slot.B));
                }
            }
        }
        return first;
    }

    /**
     * The BLUE slots of {@code services} (all on one load balancer that has just been read) whose
     * traffic is complete already. The others (a target group only found by name later, a missing
     * listener …) wait for the end of the first phase; what is complete now stays the same.
     */
    private static List<String> knownBlueSlots(ElbTrafficReads soFar, List<EffectiveService> services) {
        List<String> names = new ArrayList<>();
        for (EffectiveService svc : services) {
            ElbTraffic t = (ElbTraffic) ((BlueGreen) svc.strategy()).traffic();
            soFar.traffic(t).traffic().flatMap(LiveTraffic::productionSlot)
                    .ifPresent(blue -> names.add(slotName(svc, blue)));
        }
        return names;
    }

    /** The ECS service of a blue/green service's slot: its own {@code <name>--<slot>}, or the one the spec adopts. */
    private static String slotName(EffectiveService svc, Slot slot) {
        return ((BlueGreen) svc.strategy()).ecsServiceName(svc.name(), slot);
    }

    /** A blue/green service's traffic and its problems. */
    private record Traffic(Optional<LiveTraffic> traffic, List<String> problems) {
        Optional<Slot> blue() {
            return traffic.flatMap(LiveTraffic::productionSlot);
        }
    }

    /** The ACTIVE ECS services among {@code names}, by name; 10 names per call, the batches concurrently. */
    private Map<String, EcsServiceInfo> describeServices(String cluster, List<String> names) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(names));
        List<Callable<List<EcsServiceInfo>>> batches = new ArrayList<>();
        for (int i = 0; i < distinct.size(); i += DESCRIBE_SERVICES_BATCH) {
            List<String> batch = distinct.subList(i, Math.min(distinct.size(), i + DESCRIBE_SERVICES_BATCH));
            // Unknown names come back as failures (reason MISSING): absent, not an error.
            batches.add(() -> gateway.ecs().describeServices(cluster, batch).services());
        }
        Map<String, EcsServiceInfo> found = new LinkedHashMap<>();
        for (List<EcsServiceInfo> answer : throttle.all("ecs", batches)) {
            for (EcsServiceInfo s : answer) {
                // A deleted service stays visible as DRAINING, then INACTIVE, for a while: it is gone for Turnout.
                if ("ACTIVE".equals(s.status())) found.put(s.name(), s);
            }
        }
        return found;
    }

    /** The one ECS service of a rolling service or one of AWS's engines; null for blue/green (two slots). */
    /** Each distinct task definition in use, described once. A missing one is left out (reported per slot). */
    private Map<String, TaskDefinitionInfo> describeTaskDefinitions(Collection<String> taskDefinitionArns) {
        List<String> arns = List.copyOf(new TreeSet<>(taskDefinitionArns));
        List<Optional<TaskDefinitionInfo>> described = throttle.all("ecs", arns.stream()
                .<Callable<Optional<TaskDefinitionInfo>>>map(arn -> () -> {
                    try {
                        return Optional.of(gateway.ecs().describeTaskDefinition(arn));
                    } catch (CloudException e) {
                        if (e.kind() != CloudException.Kind.NOT_FOUND) throw e;
                        return Optional.empty();
                    }
                }).toList());
        Map<String, TaskDefinitionInfo> byArn = new HashMap<>();
        for (int i = 0; i < arns.size(); i++) {
            String arn = arns.get(i);
            described.get(i).ifPresent(td -> byArn.put(arn, td));
        }
        return byArn;
    }

    /**
     * Scalable targets of the given slots (50 per call), then the policies of each slot that has
     * one, filtered by resource id: DescribeScalingPolicies serves 10 policies per page, so an
     * unfiltered read would cost a page per 10 policies of the whole region.
     */
    private Map<String, LiveScaling> readScaling(String cluster, List<EcsServiceInfo> services) {
        List<String> resourceIds = services.stream().map(s -> ScalableTargetInfo.resourceId(cluster, s.name())).toList();
        Map<String, ScalableTargetInfo> targets = new TreeMap<>();
        for (int i = 0; i < resourceIds.size(); i += SCALABLE_TARGETS_BATCH) {
            List<String> batch = resourceIds.subList(i, Math.min(resourceIds.size(), i + SCALABLE_TARGETS_BATCH));
            gateway.autoScaling().describeScalableTargets(batch).forEach(t -> targets.put(t.resourceId(), t));
        }
        Map<String, LiveScaling> byResource = new HashMap<>();
        targets.forEach((id, t) -> byResource.put(id, new LiveScaling(t, gateway.autoScaling().describeScalingPolicies(id)
                .stream().sorted(Comparator.comparing(ScalingPolicyInfo::policyName)).toList())));
        return byResource;
    }

    /** Assembles LiveSlots from what was read, adding a problem when a slot's task definition is gone. */
    private record Slots(Map<String, EcsServiceInfo> services, Set<String> vouched,
                         Map<String, TaskDefinitionInfo> taskDefinitions, Map<String, LiveScaling> scaling,
                         List<String> problems) {
        Optional<LiveSlot> slot(Slot slot, String ecsName) {
            EcsServiceInfo svc = services.get(ecsName);
            if (svc == null) return Optional.empty();
            if (vouched.contains(ecsName)) return Optional.of(LiveSlot.fromTags(slot, svc));
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
