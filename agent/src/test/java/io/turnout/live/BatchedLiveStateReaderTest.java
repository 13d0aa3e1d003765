package io.turnout.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.CreateServiceRequest;
import io.turnout.cloud.LoadBalancerBinding;
import io.turnout.cloud.RecordChange;
import io.turnout.cloud.RecordSetInfo;
import io.turnout.cloud.ScalableTargetInfo;
import io.turnout.cloud.ScalingPolicyInfo;
import io.turnout.cloud.TaskDefinitionInfo;
import io.turnout.cloud.sim.ManualClock;
import io.turnout.cloud.sim.SimRegion;
import io.turnout.cloud.sim.SimulatedCloud;
import io.turnout.cloud.sim.WorldFile;
import io.turnout.plan.SlotTags;
import io.turnout.spec.AwsTarget;
import io.turnout.spec.BlueGreen;
import io.turnout.spec.DeploymentPolicy;
import io.turnout.spec.DnsTraffic;
import io.turnout.spec.ElbTraffic;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.ListenerRule;
import io.turnout.spec.Rolling;
import io.turnout.spec.ServiceSpec;
import io.turnout.spec.Slot;
import io.turnout.spec.SlotPair;
import io.turnout.spec.SourceLocation;
import io.turnout.spec.SpecTree;
import io.turnout.spec.Strategy;
import io.turnout.spec.SyncPolicy;
import io.turnout.spec.WeightStep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BatchedLiveStateReaderTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path EXAMPLE = Path.of("..", "specs-example", "world.yaml");
    private static final JsonNode WEB_TD = JSON.readTree("""
            {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
             "containerDefinitions": [{"name": "web", "image": "nginx:1", "portMappings": [{"containerPort": 8080}]}]}""");
    private static final JsonNode FARGATE = JSON.readTree("""
            {"launchType": "FARGATE", "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-a"]}}}""");

    private final ManualClock clock = new ManualClock();

    static EnvironmentSpec environment(String cluster) {
        return new EnvironmentSpec("production", SourceLocation.of("environments/production.yaml"),
                new AwsTarget("eu-west-1", Optional.of("222222222222"), Optional.empty()), cluster,
                SyncPolicy.DEFAULT, DeploymentPolicy.DEFAULT);
    }

    static ServiceSpec service(String name, Strategy strategy) {
        return new ServiceSpec(name, SourceLocation.of("services/" + name + "/service.yaml"), List.of("production"),
                WEB_TD, JSON.createObjectNode(), strategy, Map.of());
    }

    static ServiceSpec elb(String name, String lb, int prod, int stage, Integer prodRule, Integer stageRule, String tgA, String tgB) {
        return service(name, new BlueGreen(new ElbTraffic(lb, prod, stage,
                Optional.ofNullable(prodRule).map(ListenerRule::new), Optional.ofNullable(stageRule).map(ListenerRule::new),
                new SlotPair<>(tgA, tgB), "web", 8080), Optional.empty(), Optional.empty()));
    }

    static ServiceSpec dns(String name, String zone, String namespace, String a, String b) {
        return service(name, new BlueGreen(new DnsTraffic(zone, name + ".internal.shop.example", 30, namespace,
                new SlotPair<>(a, b), List.of(new WeightStep(100, Duration.ZERO))), Optional.empty(), Optional.empty()));
    }

    static ServiceSpec exampleWeb() {
        return elb("web", "shop-alb", 443, 8443, null, null, "web-a", "web-b");
    }

    static ServiceSpec exampleApi() {
        ServiceSpec s = elb("api", "shop-alb", 443, 8443, 10, 10, "api-a", "api-b");
        BlueGreen bg = (BlueGreen) s.strategy();
        ElbTraffic t = (ElbTraffic) bg.traffic();
        return service("api", new BlueGreen(new ElbTraffic(t.loadBalancer(), 443, 8443, t.prodRule(), t.stageRule(),
                t.targetGroups(), "api", 9000), Optional.empty(), Optional.empty()));
    }

    static SpecTree tree(ServiceSpec... services) {
        return new SpecTree(List.of(environment("production")), List.of(services));
    }

    @Test
    void bootstrapOfTheExampleWorldReadsEverythingOnceAndFindsNoProblems() {
        CloudGateway gw = WorldFile.read(EXAMPLE, clock).gateway("222222222222", "eu-west-1");
        SpecTree specs = tree(exampleWeb(), exampleApi(), dns("catalog", "internal.shop.example.", "svc.shop.local", "catalog-a", "catalog-b"),
                service("mailer", new Rolling(true, true, Optional.empty(), Optional.empty())));

        LiveState state = new BatchedLiveStateReader(gw, SlotTags::runsDesired).read(environment("production"), specs);

        assertTrue(state.clusterExists());
        assertEquals(List.of("api", "catalog", "mailer", "web"), state.services().keySet().stream().sorted().toList());
        for (LiveService s : state.services().values()) {
            assertEquals(List.of(), s.problems(), s.name());
            assertTrue(s.a().isEmpty() && s.b().isEmpty() && s.single().isEmpty(), s.name());
        }
        assertEquals(Optional.of(Slot.A), state.service("web").orElseThrow().blue(), "443 forwards to web-a");
        assertEquals(Optional.of(Slot.A), state.service("api").orElseThrow().blue(), "rule 10 on 443 forwards to api-a");
        LiveElb api = (LiveElb) state.service("api").orElseThrow().traffic().orElseThrow();
        assertEquals("10", api.stageRule().orElseThrow().priority());
        assertEquals(api.targetGroups().b().arn(), api.stageTargetGroupArn());
        LiveDns catalog = (LiveDns) state.service("catalog").orElseThrow().traffic().orElseThrow();
        assertTrue(catalog.recordA().isEmpty());
        assertEquals(Optional.empty(), catalog.productionSlot(), "no records yet");
        assertTrue(state.service("mailer").orElseThrow().traffic().isEmpty());

        // DescribeServices twice: the BLUE slots (the listeners already point at web-a and api-a) and, as they
        // do not exist, the GREEN ones; catalog (no records yet) and mailer go with the first call.
        assertEquals(Map.of("ecs:DescribeClusters", 1L, "ecs:DescribeServices", 2L, "elbv2:DescribeLoadBalancers", 1L,
                "elbv2:DescribeListeners", 1L, "elbv2:DescribeRules", 2L, "elbv2:DescribeTargetGroups", 1L,
                "route53:ListHostedZonesByName", 1L, "route53:ListResourceRecordSets", 1L,
                "servicediscovery:ListNamespaces", 1L, "servicediscovery:ListServices", 1L), gw.stats().snapshot());
    }

    @Test
    void twentyFiveServicesOnOneLoadBalancerTakeTheBatchedMinimumOfCalls() {
        SimulatedCloud cloud = new SimulatedCloud(clock);
        SimRegion region = cloud.region("222222222222", "eu-west-1").addCluster("production")
                .addLoadBalancer("shop-alb", "application");
        region.addListener("shop-alb", 443, "HTTPS", null).addListener("shop-alb", 8443, "HTTPS", null);
        List<ServiceSpec> specs = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            region.addTargetGroup("s" + i + "-a", 8080, "HTTP", "ip").addTargetGroup("s" + i + "-b", 8080, "HTTP", "ip")
                    .addRule("shop-alb", 443, i + 1, "/s" + i + "/*", "s" + i + "-a")
                    .addRule("shop-alb", 8443, i + 1, "/s" + i + "/*", "s" + i + "-b");
            specs.add(elb("s" + i, "shop-alb", 443, 8443, i + 1, i + 1, "s" + i + "-a", "s" + i + "-b"));
        }
        CloudGateway gw = region.gateway();
        TaskDefinitionInfo v1 = gw.ecs().registerTaskDefinition(WEB_TD, Map.of());
        TaskDefinitionInfo v2 = gw.ecs().registerTaskDefinition(WEB_TD, Map.of());
        String tg0 = gw.elb().describeTargetGroups(List.of("s0-a")).getFirst().arn();
        String tg1 = gw.elb().describeTargetGroups(List.of("s1-b")).getFirst().arn();
        gw.ecs().createService(new CreateServiceRequest("production", "s0--a", v1.arn(), 2,
                List.of(new LoadBalancerBinding(tg0, "web", 8080)), List.of(), FARGATE, Map.of("BG_VERSION", "BLUE")));
        gw.ecs().createService(new CreateServiceRequest("production", "s1--b", v2.arn(), 1,
                List.of(new LoadBalancerBinding(tg1, "web", 8080)), List.of(), FARGATE, Map.of()));
        String resourceId = ScalableTargetInfo.resourceId("production", "s0--a");
        gw.autoScaling().registerScalableTarget(new ScalableTargetInfo(resourceId, 2, 10));
        gw.autoScaling().putScalingPolicy(new ScalingPolicyInfo("z-mem", resourceId, "TargetTrackingScaling", JSON.readTree("{\"TargetValue\": 70}")));
        gw.autoScaling().putScalingPolicy(new ScalingPolicyInfo("cpu-60", resourceId, "TargetTrackingScaling", JSON.readTree("{\"TargetValue\": 60}")));
        clock.advance(Duration.ofMinutes(1));
        gw.stats().reset();

        LiveState state = new BatchedLiveStateReader(gw, SlotTags::runsDesired).read(environment("production"),
                new SpecTree(List.of(environment("production")), specs));

        // 25 BLUE slots (rule i forwards to si-a), 10 per call; none is tagged with the desired spec hash,
        // so the 25 GREEN slots are described too
        assertEquals(6, gw.stats().count("ecs:DescribeServices"), "25 + 25 slot names, 10 per call");
        assertEquals(1, gw.stats().count("elbv2:DescribeLoadBalancers"));
        assertEquals(1, gw.stats().count("elbv2:DescribeListeners"));
        assertEquals(2, gw.stats().count("elbv2:DescribeRules"), "one per listener with rules in use");
        assertEquals(1, gw.stats().count("elbv2:DescribeTargetGroups"), "the groups of shop-alb, in one call");
        assertEquals(2, gw.stats().count("ecs:DescribeTaskDefinition"), "one per distinct task definition in use");
        assertEquals(1, gw.stats().count("application-autoscaling:DescribeScalableTargets"));
        assertEquals(1, gw.stats().count("application-autoscaling:DescribeScalingPolicies"));
        assertEquals(0, gw.stats().count("elbv2:DescribeTargetHealth"));
        assertEquals(16, gw.stats().total(), "plus DescribeClusters, 2 DescribeRules, 2 DescribeTaskDefinition, auto scaling 2");

        LiveService s0 = state.service("s0").orElseThrow();
        LiveSlot a = s0.a().orElseThrow();
        assertTrue(a.service().steady());
        assertEquals(v1.arn(), a.taskDefinition().arn());
        assertEquals("BLUE", a.service().tags().get("BG_VERSION"));
        assertEquals(List.of("cpu-60", "z-mem"), a.scaling().orElseThrow().policies().stream().map(ScalingPolicyInfo::policyName).toList());
        assertTrue(s0.b().isEmpty());
        assertEquals(Optional.of(Slot.A), s0.blue());
        assertEquals(v2.arn(), state.service("s1").orElseThrow().b().orElseThrow().taskDefinition().arn());
        assertTrue(state.service("s1").orElseThrow().b().orElseThrow().scaling().isEmpty());
        assertTrue(state.services().values().stream().allMatch(s -> s.problems().isEmpty()));
    }

    @Test
    void missingInfrastructureIsNamedOncePerEnvironmentOrPerService() {
        CloudGateway gw = WorldFile.read(EXAMPLE, clock).gateway("222222222222", "eu-west-1");
        SpecTree specs = tree(
                elb("edge", "edge-alb", 443, 8443, null, null, "web-a", "web-b"),
                elb("stagey", "shop-alb", 443, 9443, null, null, "web-a", "web-b"),
                elb("ruley", "shop-alb", 443, 8443, 30, null, "web-a", "web-b"),
                elb("groupy", "shop-alb", 443, 8443, null, null, "web-a", "web-c"),
                dns("zoney", "other.example.", "svc.shop.local", "catalog-a", "catalog-b"),
                dns("mappy", "internal.shop.example.", "svc.shop.local", "catalog-a", "catalog-c"),
                dns("spacey", "internal.shop.example.", "svc.other.local", "catalog-a", "catalog-b"));

        LiveState state = new BatchedLiveStateReader(gw, SlotTags::runsDesired).read(environment("production"), specs);

        String edge = "load balancer edge-alb not found in 222222222222/eu-west-1: create it (with its listeners and"
                + " target groups), or fix elb.loadBalancer of the services that name it";
        String zone = "hosted zone other.example. not found: create it, or fix dns.hostedZone of the services that name it";
        String namespace = "Cloud Map namespace svc.other.local not found: create it with the services' Cloud Map"
                + " services, or fix dns.namespace of the services that name it";
        assertEquals(List.of(edge, zone, namespace), state.problems(), "shared infrastructure, named once");
        assertEquals(List.of(edge), problems(state, "edge"));
        assertEquals(List.of("listener :9443 not found on shop-alb"), problems(state, "stagey"));
        assertEquals(List.of("rule with priority 30 not found on listener :443 of shop-alb"), problems(state, "ruley"));
        assertEquals(List.of("target group web-c not found"), problems(state, "groupy"));
        assertEquals(List.of(zone), problems(state, "zoney"));
        assertEquals(List.of("Cloud Map service catalog-c not found in namespace svc.shop.local"), problems(state, "mappy"));
        assertEquals(List.of(namespace), problems(state, "spacey"));
        assertTrue(state.services().values().stream().allMatch(s -> s.traffic().isEmpty()));
        // One call for both load balancers failed, then one per name told which exists.
        assertEquals(3, gw.stats().count("elbv2:DescribeLoadBalancers"));
        // The groups of shop-alb in one call, then the one it does not use (web-c) by name.
        assertEquals(2, gw.stats().count("elbv2:DescribeTargetGroups"));
    }

    @Test
    void aMissingClusterIsAProblemAndNoServiceIsDescribed() {
        CloudGateway gw = WorldFile.read(EXAMPLE, clock).gateway("222222222222", "eu-west-1");
        LiveState state = new BatchedLiveStateReader(gw, SlotTags::runsDesired).read(environment("nope"), new SpecTree(
                List.of(environment("nope")), List.of(exampleWeb())));
        assertFalse(state.clusterExists());
        // the planner names the cluster once for the environment; the services carry no copy of it
        assertEquals(List.of(), problems(state, "web"));
        assertEquals(0, gw.stats().count("ecs:DescribeServices"));
    }

    @Test
    void productionSlotFollowsListenersRulesAndWeights() {
        CloudGateway gw = WorldFile.read(EXAMPLE, clock).gateway("222222222222", "eu-west-1");
        var lb = gw.elb().describeLoadBalancers(List.of("shop-alb")).getFirst();
        var prod = gw.elb().describeListeners(lb.arn()).getFirst();
        var stage = gw.elb().describeListeners(lb.arn()).get(1);
        var groups = gw.elb().describeTargetGroups(List.of("web-a", "web-b", "api-a", "api-b"));
        gw.elb().modifyListener(prod.arn(), groups.get(1).arn());
        gw.elb().modifyListener(stage.arn(), groups.get(0).arn());
        gw.elb().modifyRule(gw.elb().describeRules(prod.arn()).getFirst().arn(), groups.get(3).arn());
        gw.elb().modifyRule(gw.elb().describeRules(stage.arn()).getFirst().arn(), groups.get(2).arn());
        String zone = gw.route53().listHostedZonesByName("internal.shop.example.").getFirst().id();
        gw.route53().changeResourceRecordSets(zone, List.of(
                new RecordChange(RecordChange.Action.CREATE, new RecordSetInfo("catalog.internal.shop.example.", "CNAME",
                        "catalog-a", 0L, 30, List.of("catalog-a.svc.shop.local"))),
                new RecordChange(RecordChange.Action.CREATE, new RecordSetInfo("catalog.internal.shop.example.", "CNAME",
                        "catalog-b", 100L, 30, List.of("catalog-b.svc.shop.local")))));

        LiveState state = new BatchedLiveStateReader(gw, SlotTags::runsDesired).read(environment("production"), tree(exampleWeb(), exampleApi(),
                dns("catalog", "internal.shop.example", "svc.shop.local", "catalog-a", "catalog-b")));

        assertEquals(Optional.of(Slot.B), state.service("web").orElseThrow().blue());
        assertEquals(Optional.of(Slot.B), state.service("api").orElseThrow().blue());
        LiveDns catalog = (LiveDns) state.service("catalog").orElseThrow().traffic().orElseThrow();
        assertEquals(Optional.of(Slot.B), catalog.productionSlot());
        assertEquals(100L, catalog.weight(Slot.B));
    }

    @Test
    void drainingAndInactiveServicesCountAsAbsentAndRollingServicesHaveOneSlot() {
        String world = """
                apiVersion: turnout/v1
                kind: SimulatedWorld
                metadata: {name: t}
                spec:
                  regions:
                    - account: "222222222222"
                      region: eu-west-1
                      clusters: [production]
                      targetGroups: [{name: web-a, port: 8080, protocol: HTTP}, {name: web-b, port: 8080, protocol: HTTP}]
                      loadBalancers:
                        - name: shop-alb
                          listeners:
                            - {port: 443, protocol: HTTPS, defaultTargetGroup: web-a}
                            - {port: 8443, protocol: HTTPS, defaultTargetGroup: web-b}
                      taskDefinitions:
                        - {family: web, networkMode: awsvpc, requiresCompatibilities: [FARGATE], cpu: "256", memory: "512",
                           containerDefinitions: [{name: web, image: "nginx:1", portMappings: [{containerPort: 8080}]}]}
                      services:
                        - {name: web--a, cluster: production, taskDefinition: "web:1", desiredCount: 2, status: DRAINING,
                           settings: {launchType: FARGATE, networkConfiguration: {awsvpcConfiguration: {subnets: [s]}}}}
                        - {name: web--b, cluster: production, taskDefinition: "web:1", desiredCount: 1, status: INACTIVE,
                           settings: {launchType: FARGATE, networkConfiguration: {awsvpcConfiguration: {subnets: [s]}}}}
                        - {name: mailer, cluster: production, taskDefinition: "web:1", desiredCount: 1,
                           tags: {"turnout:service": mailer},
                           settings: {launchType: FARGATE, networkConfiguration: {awsvpcConfiguration: {subnets: [s]}}}}
                """;
        CloudGateway gw = WorldFile.read(world, "t.yaml", clock).gateway("222222222222", "eu-west-1");
        LiveState state = new BatchedLiveStateReader(gw, SlotTags::runsDesired).read(environment("production"), tree(exampleWeb(),
                service("mailer", new Rolling(true, true, Optional.empty(), Optional.empty()))));
        LiveService web = state.service("web").orElseThrow();
        assertTrue(web.a().isEmpty() && web.b().isEmpty());
        LiveSlot mailer = state.service("mailer").orElseThrow().single().orElseThrow();
        assertEquals(null, mailer.slot());
        assertTrue(mailer.service().steady());
        assertNotNull(mailer.taskDefinition());
        assertEquals("mailer", mailer.service().tags().get("turnout:service"));
    }

    private static List<String> problems(LiveState state, String service) {
        return state.service(service).orElseThrow().problems();
    }
}
