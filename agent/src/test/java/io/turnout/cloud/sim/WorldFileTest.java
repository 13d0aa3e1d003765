package io.turnout.cloud.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.CreateServiceRequest;
import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.ListenerInfo;
import io.turnout.cloud.RecordChange;
import io.turnout.cloud.RecordSetInfo;
import io.turnout.cloud.ScalableTargetInfo;
import io.turnout.cloud.ScalingPolicyInfo;
import io.turnout.cloud.ServiceRegistryBinding;
import io.turnout.cloud.TaskDefinitionInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorldFileTest {
    private static final Path EXAMPLE = Path.of("..", "specs-example", "world.yaml");

    @Test
    void theExampleWorldLoadsWithBothAccountsAndNoServices() {
        SimulatedCloud cloud = WorldFile.read(EXAMPLE, new ManualClock());
        assertEquals(List.of("111111111111/eu-west-1", "222222222222/eu-west-1"),
                cloud.regions().stream().map(SimRegion::toString).toList());
        CloudGateway prod = cloud.gateway("222222222222", "eu-west-1");
        assertEquals("production", prod.ecs().describeClusters(List.of("production")).getFirst().name());
        assertEquals(List.of(), prod.ecs().listServices("production"));
        var lb = prod.elb().describeLoadBalancers(List.of("shop-alb")).getFirst();
        List<ListenerInfo> listeners = prod.elb().describeListeners(lb.arn());
        var groups = prod.elb().describeTargetGroups(List.of("web-a", "web-b", "api-a", "api-b"));
        assertEquals(groups.get(0).arn(), listeners.get(0).forwardTargetGroupArn());
        assertEquals(groups.get(1).arn(), listeners.get(1).forwardTargetGroupArn());
        assertEquals(groups.get(2).arn(), prod.elb().describeRules(listeners.get(0).arn()).getFirst().forwardTargetGroupArn());
        assertEquals(groups.get(3).arn(), prod.elb().describeRules(listeners.get(1).arn()).getFirst().forwardTargetGroupArn());
        assertEquals(9000, groups.get(2).port());
        assertTrue(prod.route53().listHostedZonesByName("internal.shop.example.").getFirst().privateZone());
        String ns = prod.cloudMap().listNamespaces().getFirst().id();
        assertEquals(2, prod.cloudMap().listServices(ns).size());
        assertEquals(Duration.ofSeconds(20), cloud.settings().taskStartDelay());
        assertEquals("staging", cloud.gateway("111111111111", "eu-west-1").ecs().describeClusters(List.of("staging")).getFirst().name());
    }

    /** Issue 11: task-definition tags came out in another order on alternate runs (an unordered map). */
    @Test
    void taskDefinitionTagsAreWrittenSortedByKeyAndAWrittenWorldWritesBackTheSame() {
        SimulatedCloud cloud = WorldFile.read(EXAMPLE, new ManualClock());
        CloudGateway gw = cloud.gateway("222222222222", "eu-west-1");
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        for (String key : List.of("zeta", "turnout:spec-hash", "alpha", "turnout:commit", "mid", "BG_VERSION", "team")) {
            tags.put(key, "v-" + key);
        }
        gw.ecs().registerTaskDefinition(SimFixture.webTaskDefinition("nginx:1"), tags);
        String written = WorldFile.write(cloud, "w");
        int list = written.indexOf("tags:", written.indexOf("family: web"));
        List<String> keys = written.substring(list).lines().skip(1).takeWhile(l -> l.trim().startsWith("- key:") || l.trim().startsWith("value:"))
                .filter(l -> l.trim().startsWith("- key:")).map(l -> l.trim().substring("- key:".length()).trim().replace("\"", "")).toList();
        assertEquals(new java.util.TreeSet<>(tags.keySet()).stream().toList(), keys, written);
        assertEquals(written, WorldFile.write(WorldFile.read(written, "w", new ManualClock()), "w"), "stable: written again, the same text");
    }

    @Test
    void writingThenReadingGivesTheSameObservableState() {
        ManualClock clock = new ManualClock();
        SimulatedCloud cloud = WorldFile.read(EXAMPLE, clock);
        CloudGateway gw = cloud.gateway("222222222222", "eu-west-1");
        TaskDefinitionInfo td = gw.ecs().registerTaskDefinition(SimFixture.webTaskDefinition("nginx:1"), Map.of("team", "shop"));
        String tgA = gw.elb().describeTargetGroups(List.of("web-a")).getFirst().arn();
        gw.ecs().createService(new CreateServiceRequest("production", "web--a", td.arn(), 2,
                List.of(new io.turnout.cloud.LoadBalancerBinding(tgA, "web", 8080)), List.of(),
                SimFixture.fargateSettings(), Map.of("BG_VERSION", "BLUE", "turnout:slot", "a")));
        String ns = gw.cloudMap().listNamespaces().getFirst().id();
        String catalogA = gw.cloudMap().listServices(ns).getFirst().arn();
        TaskDefinitionInfo catalog = gw.ecs().registerTaskDefinition(SimFixture.json("""
                {"family": "catalog", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", "containerDefinitions": [{"name": "c", "image": "c:1"}]}"""), Map.of());
        gw.ecs().createService(new CreateServiceRequest("production", "catalog--a", catalog.arn(), 1, List.of(),
                List.of(new ServiceRegistryBinding(catalogA)), SimFixture.fargateSettings(), Map.of()));
        String resourceId = ScalableTargetInfo.resourceId("production", "web--a");
        gw.autoScaling().registerScalableTarget(new ScalableTargetInfo(resourceId, 2, 10));
        gw.autoScaling().putScalingPolicy(new ScalingPolicyInfo("cpu-60", resourceId, "TargetTrackingScaling",
                SimFixture.json("{\"TargetValue\": 60}")));
        String zone = gw.route53().listHostedZonesByName("internal.shop.example.").getFirst().id();
        gw.route53().changeResourceRecordSets(zone, List.of(new RecordChange(RecordChange.Action.CREATE,
                new RecordSetInfo("catalog.internal.shop.example.", "CNAME", "catalog-a", 100L, 30, List.of("catalog-a.svc.shop.local")))));
        clock.advance(Duration.ofMinutes(1));

        String written = WorldFile.write(cloud, "shop-example");
        SimulatedCloud again = WorldFile.read(written, "written.yaml", clock);
        assertEquals(written, WorldFile.write(again, "shop-example"));

        CloudGateway gw2 = again.gateway("222222222222", "eu-west-1");
        EcsServiceInfo before = gw.ecs().describeServices("production", List.of("web--a", "catalog--a")).services().getFirst();
        EcsServiceInfo after = gw2.ecs().describeServices("production", List.of("web--a", "catalog--a")).services().getFirst();
        assertEquals(withoutDeploymentIds(before), withoutDeploymentIds(after));
        assertTrue(after.steady());
        assertEquals(gw.ecs().describeTaskDefinition("web:1"), gw2.ecs().describeTaskDefinition("web:1"));
        assertEquals(gw.autoScaling().describeScalingPolicies(null), gw2.autoScaling().describeScalingPolicies(null));
        assertEquals(gw.route53().listResourceRecordSets(zone), gw2.route53().listResourceRecordSets(zone));
        assertEquals(gw.elb().describeTargetHealth(tgA).size(), gw2.elb().describeTargetHealth(tgA).size());
        assertEquals(gw.ecs().describeServices("production", List.of("catalog--a")).services().getFirst().serviceRegistries(),
                gw2.ecs().describeServices("production", List.of("catalog--a")).services().getFirst().serviceRegistries());
    }

    private static EcsServiceInfo withoutDeploymentIds(EcsServiceInfo s) {
        return new EcsServiceInfo(s.arn(), s.name(), s.clusterArn(), s.status(), s.taskDefinitionArn(), s.desiredCount(),
                s.runningCount(), s.pendingCount(), s.loadBalancers(), s.serviceRegistries(), List.of(), s.tags(), s.settings());
    }

    @Test
    void errorsNameTheFileAndTheField() {
        assertMessage("""
                apiVersion: turnout/v1
                kind: SimulatedWorld
                metadata: {name: x}
                spec:
                  regions:
                    - account: "222222222222"
                      region: eu-west-1
                      targetGroups:
                        - {name: web-a, port: eighty, protocol: HTTP}
                """, "w.yaml: spec.regions[0].targetGroups[0].port: expected an integer, got 'eighty'");
        assertMessage("""
                apiVersion: turnout/v1
                kind: SimulatedWorld
                metadata: {name: x}
                spec:
                  regions:
                    - account: "222222222222"
                      region: eu-west-1
                      loadBalancers:
                        - name: shop-alb
                          listeners: [{port: 443, protocol: HTTPS, defaultTargetGroup: web-z}]
                """, "w.yaml: spec.regions[0].loadBalancers[0].listeners[0]: target group web-z is not defined");
        assertMessage("""
                apiVersion: turnout/v1
                kind: SimulatedWorld
                metadata: {name: x}
                spec:
                  regions:
                    - {account: 222222222222, region: eu-west-1}
                """, "w.yaml: spec.regions[0].account: expected a non-empty string, got '222222222222'");
        assertMessage("""
                apiVersion: turnout/v1
                kind: SimulatedWorld
                metadata: {name: x}
                spec:
                  regions:
                    - {account: "222222222222", region: eu-west-1, clusterz: [x]}
                """, "w.yaml: spec.regions[0].clusterz: unknown field");
        assertMessage("""
                apiVersion: turnout/v1
                kind: SimulatedWorld
                metadata: {name: x}
                spec:
                  simulation: {taskStartDelay: soon}
                """, "w.yaml: spec.simulation.taskStartDelay: expected a duration");
        assertMessage("kind: [", "w.yaml: not valid YAML");
        assertMessage("""
                apiVersion: turnout/v1
                kind: Service
                metadata: {name: x}
                spec: {}
                """, "w.yaml: kind: must be SimulatedWorld");
    }

    private static void assertMessage(String yaml, String expectedStart) {
        WorldFileException e = assertThrows(WorldFileException.class, () -> WorldFile.read(yaml, "w.yaml", new ManualClock()));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }
}
