package io.turnout.bench;

import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.CreateServiceRequest;
import io.turnout.cloud.LoadBalancerBinding;
import io.turnout.cloud.RecordSetInfo;
import io.turnout.cloud.ScalableTargetInfo;
import io.turnout.cloud.ScalingPolicyInfo;
import io.turnout.cloud.ServiceRegistryBinding;
import io.turnout.cloud.Tags;
import io.turnout.cloud.TaskDefinitionInfo;
import io.turnout.cloud.sim.ManualClock;
import io.turnout.cloud.sim.SimRegion;
import io.turnout.cloud.sim.SimulatedCloud;
import io.turnout.cloud.sim.SimulationSettings;
import io.turnout.plan.SpecHash;
import io.turnout.spec.AutoScaling;
import io.turnout.spec.AwsTarget;
import io.turnout.spec.BlueGreen;
import io.turnout.spec.DeploymentPolicy;
import io.turnout.spec.DnsTraffic;
import io.turnout.spec.EffectiveService;
import io.turnout.spec.ElbTraffic;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.ListenerRule;
import io.turnout.spec.ServiceSpec;
import io.turnout.spec.Slot;
import io.turnout.spec.SlotPair;
import io.turnout.spec.SourceLocation;
import io.turnout.spec.SpecTree;
import io.turnout.spec.SyncPolicy;
import io.turnout.spec.WeightStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A synthetic environment of N blue/green services, all deployed by Turnout and in sync, in
 * a simulated cloud: the spec tree and the world that matches it, so that a reconcile is a
 * no-op.
 *
 * <p>Every tenth service uses DNS traffic (one private zone, one Cloud Map namespace), the
 * others ELB listener rules: 50 services per application load balancer, each with a prod rule
 * on :443 and a stage rule on :8443 (AWS allows 100 rules per ALB by default, so 50 services
 * fill one). ELB services have auto scaling. Slot a is BLUE everywhere, tagged as Turnout's
 * Retag step leaves it (spec hash and task definition ARN).
 */
public final class SyntheticEstate {
    public static final String ACCOUNT = "222222222222";
    public static final String REGION = "eu-west-1";
    public static final String ENVIRONMENT = "production";
    public static final String ZONE = "bench.internal.";
    public static final String NAMESPACE = "bench.local";
    /** ELB services per load balancer: a prod and a stage rule each, 100 rules, the default ALB quota. */
    public static final int SERVICES_PER_LOAD_BALANCER = 50;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SpecTree specs;
    private final EnvironmentSpec environment;
    private final SimulatedCloud cloud;
    private final int elbServices;
    private final int dnsServices;

    private SyntheticEstate(SpecTree specs, EnvironmentSpec environment, SimulatedCloud cloud, int elb, int dns) {
        this.specs = specs;
        this.environment = environment;
        this.cloud = cloud;
        this.elbServices = elb;
        this.dnsServices = dns;
    }

    /** Builds the specs and the world for {@code services} services; the world's call counters start at zero. */
    public static SyntheticEstate of(int services) {
        return of(services, SimulationSettings.DEFAULT);
    }

    /** As {@link #of(int)}, in a simulated cloud with {@code settings} (e.g. a modelled call latency). */
    public static SyntheticEstate of(int services, SimulationSettings settings) {
        if (services < 1) throw new IllegalArgumentException("services must be at least 1, was " + services);
        EnvironmentSpec env = new EnvironmentSpec(ENVIRONMENT, SourceLocation.of("environments/production.yaml"),
                new AwsTarget(REGION, Optional.of(ACCOUNT), Optional.empty()), ENVIRONMENT, SyncPolicy.DEFAULT,
                DeploymentPolicy.DEFAULT);
        List<ServiceSpec> specs = new ArrayList<>();
        int elb = 0;
        int dns = 0;
        for (int i = 0; i < services; i++) {
            String name = String.format("s%05d", i);
            if (i % 10 == 9) {
                specs.add(service(name, new BlueGreen(new DnsTraffic(ZONE, name + "." + ZONE, 30, NAMESPACE,
                        new SlotPair<>(name + "-a", name + "-b"), List.of(new WeightStep(100, Duration.ZERO))),
                        Optional.empty(), Optional.empty())));
                dns++;
            } else {
                int priority = elb % SERVICES_PER_LOAD_BALANCER + 1;
                specs.add(service(name, new BlueGreen(new ElbTraffic(loadBalancer(elb), 443, 8443,
                        Optional.of(new ListenerRule(priority)), Optional.of(new ListenerRule(priority)),
                        new SlotPair<>(name + "-a", name + "-b"), "app", 8080), Optional.empty(),
                        Optional.of(new AutoScaling(2, 10, List.of(cpuPolicy()))))));
                elb++;
            }
        }
        SpecTree tree = new SpecTree(List.of(env), specs);
        SimulatedCloud cloud = new SimulatedCloud(new ManualClock(), settings);
        SyntheticEstate estate = new SyntheticEstate(tree, env, cloud, elb, dns);
        estate.build();
        return estate;
    }

    public SpecTree specs() {
        return specs;
    }

    public EnvironmentSpec environment() {
        return environment;
    }

    /** The environment deploying at most {@code maxParallel} services at once. */
    public EnvironmentSpec environment(int maxParallel) {
        return new EnvironmentSpec(environment.name(), environment.source(), environment.aws(), environment.cluster(),
                environment.sync(), environment.deployment().withMaxParallel(maxParallel));
    }

    /**
     * A commit that gives the first {@code changed} services (by name) a new image ({@code nginx:1.28}), with the
     * environment deploying {@code maxParallel} at once: what a shared base-image bump looks like.
     */
    public SpecTree withNewImage(int changed, int maxParallel) {
        return new SpecTree(List.of(environment(maxParallel)), ScaleBenchmark.changeImages(specs, changed).services());
    }

    /** The virtual clock the world runs on. */
    public ManualClock clock() {
        return (ManualClock) cloud.clock();
    }

    /** The simulated cloud itself (faults, settings). */
    public SimulatedCloud cloud() {
        return cloud;
    }

    public CloudGateway gateway() {
        return cloud.gateway(ACCOUNT, REGION);
    }

    public int services() {
        return elbServices + dnsServices;
    }

    public int elbServices() {
        return elbServices;
    }

    public int dnsServices() {
        return dnsServices;
    }

    public int loadBalancers() {
        return (elbServices + SERVICES_PER_LOAD_BALANCER - 1) / SERVICES_PER_LOAD_BALANCER;
    }

    public int hostedZones() {
        return dnsServices == 0 ? 0 : 1;
    }

    private static String loadBalancer(int elbIndex) {
        return String.format("alb-%03d", elbIndex / SERVICES_PER_LOAD_BALANCER);
    }

    private static ServiceSpec service(String name, BlueGreen strategy) {
        JsonNode td = JSON.readTree("""
                {"family": "%s", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256",
                 "memory": "512", "containerDefinitions": [{"name": "app", "image": "public.ecr.aws/nginx/nginx:1.27",
                 "portMappings": [{"containerPort": 8080}], "environment": [{"name": "SERVICE", "value": "%s"}]}]}
                """.formatted(name, name));
        JsonNode settings = JSON.readTree("""
                {"desiredCount": 2, "launchType": "FARGATE", "networkConfiguration": {"awsvpcConfiguration":
                 {"subnets": ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
                  "securityGroups": ["sg-0a1b2c3d4e5f60010"]}}}
                """);
        return new ServiceSpec(name, SourceLocation.of("services/" + name + "/service.yaml"), List.of(ENVIRONMENT), td,
                settings, strategy, Map.of());
    }

    private static JsonNode cpuPolicy() {
        return JSON.readTree("""
                {"PolicyName": "cpu-60", "PolicyType": "TargetTrackingScaling",
                 "TargetTrackingScalingPolicyConfiguration": {"TargetValue": 60,
                   "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}}""");
    }

    /** The infrastructure, then every service deployed as Turnout leaves it: a BLUE, b GREEN with 0 tasks. */
    private void build() {
        SimRegion region = cloud.region(ACCOUNT, REGION).addCluster(ENVIRONMENT);
        for (int lb = 0; lb < loadBalancers(); lb++) {
            String name = loadBalancer(lb * SERVICES_PER_LOAD_BALANCER);
            region.addLoadBalancer(name, "application").addListener(name, 443, "HTTPS", null)
                    .addListener(name, 8443, "HTTPS", null);
        }
        if (dnsServices > 0) region.addHostedZone(ZONE, true).addNamespace(NAMESPACE, "DNS_PRIVATE");
        List<EffectiveService> effective = specs.servicesIn(environment);
        for (EffectiveService svc : effective) {
            BlueGreen bg = (BlueGreen) svc.strategy();
            switch (bg.traffic()) {
                case ElbTraffic t -> {
                    for (Slot slot : Slot.values()) {
                        region.addTargetGroup(t.targetGroups().get(slot), 8080, "HTTP", "ip")
                                .addRule(t.loadBalancer(), slot == Slot.A ? 443 : 8443, t.prodRule().orElseThrow().priority(),
                                        "/" + svc.name() + "/*", t.targetGroups().get(slot));
                    }
                }
                case DnsTraffic t -> {
                    for (Slot slot : Slot.values()) {
                        region.addCloudMapService(NAMESPACE, t.cloudMapServices().get(slot));
                        region.putRecord(ZONE, new RecordSetInfo(t.recordName(), "CNAME", svc.name() + "-" + slot.id(),
                                slot == Slot.A ? 100L : 0L, t.ttl(), List.of(t.cloudMapServices().get(slot) + "." + NAMESPACE)));
                    }
                }
            }
        }
        CloudGateway gw = gateway();
        Map<String, String> targetGroupArns = new HashMap<>();
        for (int i = 0; i < loadBalancers(); i++) {
            String lbArn = gw.elb().describeLoadBalancers(List.of(loadBalancer(i * SERVICES_PER_LOAD_BALANCER)))
                    .getFirst().arn();
            gw.elb().describeTargetGroupsOf(lbArn).forEach(tg -> targetGroupArns.put(tg.name(), tg.arn()));
        }
        Map<String, String> registryArns = new HashMap<>();
        if (dnsServices > 0) {
            String nsId = gw.cloudMap().listNamespaces().getFirst().id();
            gw.cloudMap().listServices(nsId).forEach(s -> registryArns.put(s.name(), s.arn()));
        }
        // Set up without API calls and steady from the start: creating thousands of services through
        // the API would leave thousands of deployments for every later call to catch up on.
        for (EffectiveService svc : effective) deploy(region, svc, targetGroupArns, registryArns);
        region.stats().reset();
    }

    private void deploy(SimRegion region, EffectiveService svc, Map<String, String> targetGroupArns,
                        Map<String, String> registryArns) {
        BlueGreen bg = (BlueGreen) svc.strategy();
        TaskDefinitionInfo td = region.addTaskDefinition(svc.taskDefinition(), Map.of());
        String hash = SpecHash.of(svc);
        ObjectNode settings = (ObjectNode) svc.service();
        int count = settings.remove("desiredCount").asInt();
        for (Slot slot : Slot.values()) {
            List<LoadBalancerBinding> lbs = List.of();
            List<ServiceRegistryBinding> registries = List.of();
            switch (bg.traffic()) {
                case ElbTraffic t -> lbs = List.of(new LoadBalancerBinding(targetGroupArns.get(t.targetGroups().get(slot)),
                        t.containerName(), t.containerPort()));
                case DnsTraffic t -> registries = List.of(new ServiceRegistryBinding(
                        registryArns.get(t.cloudMapServices().get(slot))));
            }
            Map<String, String> tags = new TreeMap<>(Map.of(Tags.ENVIRONMENT, ENVIRONMENT, Tags.SERVICE, svc.name(),
                    Tags.SLOT, slot.id(), Tags.BG_VERSION, slot == Slot.A ? Tags.BLUE : Tags.GREEN,
                    Tags.COMMIT, "0000000", Tags.SPEC_HASH, hash, Tags.TASK_DEFINITION, td.arn()));
            String ecsName = slot.ecsServiceName(svc.name());
            region.addSteadyService(new CreateServiceRequest(ENVIRONMENT, ecsName, td.arn(), slot == Slot.A ? count : 0,
                    lbs, registries, settings, tags));
            if (slot == Slot.A && bg.autoScaling().isPresent()) {
                AutoScaling scaling = bg.autoScaling().get();
                String resourceId = ScalableTargetInfo.resourceId(ENVIRONMENT, ecsName);
                region.addScalableTarget(new ScalableTargetInfo(resourceId, scaling.minCapacity(),
                        scaling.maxCapacity()));
                for (JsonNode p : scaling.policies()) {
                    region.addScalingPolicy(new ScalingPolicyInfo(p.get("PolicyName").asString(), resourceId,
                            p.get("PolicyType").asString(), p.get("TargetTrackingScalingPolicyConfiguration")));
                }
            }
        }
    }
}
