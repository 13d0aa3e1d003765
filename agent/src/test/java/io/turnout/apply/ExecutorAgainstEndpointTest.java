package io.turnout.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.Tags;
import io.turnout.live.LiveDns;
import io.turnout.live.LiveElb;
import io.turnout.live.LiveService;
import io.turnout.live.LiveState;
import io.turnout.plan.Plan;
import io.turnout.plan.PlanKind;
import io.turnout.plan.ShiftWeights;
import io.turnout.plan.Step;
import io.turnout.render.TextPlanRenderer;
import io.turnout.spec.Slot;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

/**
 * The blue/green executor against an AWS-compatible endpoint (moto server), named by
 * {@code TURNOUT_IT_AWS_ENDPOINT}; skipped when it is unset. The same three deployments as
 * {@link SimDeploymentTest} — bootstrap (v1), swap (v2), fast rollback (v1 again, registering
 * nothing) — for an ELB listener swap, an ELB listener-rule swap and a DNS weighted swap, each on
 * its own cluster, load balancer or zone with a per-run suffix (reruns against a long-lived
 * emulator do not collide). After each apply the live state read through the AWS gateway shows
 * production on the expected slot, BG_VERSION agrees, and a new plan is in sync.
 *
 * <p>Infrastructure an operator would create (VPC, subnets, load balancer, target groups,
 * listeners, rules, cluster, zone, namespace, Cloud Map services) is made with the raw SDK.
 * Turnout's own calls all go through {@code AwsCloudGateway}.
 *
 * <p><b>What is faked, and why.</b> moto keeps ECS's records but runs no tasks, and its load
 * balancers route nothing. So:
 * <ul>
 *   <li>{@link MotoTaskStandIn} does what ECS's scheduler would: it makes a new service's tasks
 *       "run" (moto leaves a service created with n &gt; 0 tasks at 0 running and IN_PROGRESS for
 *       ever; it is created with 0 and set to n instead) and registers {@code desiredCount} fake
 *       IPs in the slot's target group after every CreateService/UpdateService, deregistering
 *       the previous ones (a downsize to 0 empties the group). moto reports registered targets
 *       healthy at once.</li>
 *   <li>{@link TargetHealthProbe} answers the HTTP checks through the stage listener as the load
 *       balancer would route them: 200 when the target group the stage listener (or matching
 *       rule) forwards to has only healthy targets.</li>
 * </ul>
 * Waits use a {@code ManualClock}: the steady-state polls, bake times and the downsize delay
 * advance it instead of sleeping (moto answers ECS steady state and Route 53 INSYNC at once).
 *
 * <p><b>moto (5.2) differences from AWS met here</b> — none is worked around in Turnout:
 * <ul>
 *   <li>ECS runs no tasks. A service created with n &gt; 0 tasks stays at 0 running, n pending,
 *       its deployment IN_PROGRESS for ever (unless the server is started with
 *       {@code MOTO_ECS_SERVICE_RUNNING}, which then fixes every service's running count);
 *       UpdateService with a count makes running = desired at once. UpdateService never starts
 *       a new deployment: the one deployment keeps the task definition and counts it was
 *       created with (AWS adds a PRIMARY deployment for the new task definition and keeps the
 *       old one ACTIVE until it drains). Turnout's steady-state check reads the service's
 *       counts and task definition, so it passes on either.</li>
 *   <li>ELB: a registered target is {@code healthy} at once (AWS: {@code initial} until health
 *       checks pass); a deregistered one disappears (AWS: {@code draining} for the
 *       deregistration delay). ECS does not register tasks in target groups (see above).</li>
 *   <li>Route 53 answers every change INSYNC at once (AWS: PENDING for up to a minute), so no
 *       GetChange poll happens here.</li>
 *   <li>Application Auto Scaling: DeregisterScalableTarget of a target that does not exist is a
 *       ValidationException (AWS: ObjectNotFoundException, which the executor takes as "already
 *       gone"). So against moto a rollback that removes a scalable target that is not there
 *       (a failed first deployment scaling its new slot to 0; a rollback after the swap of a
 *       service without auto scaling) ends "the rollback failed too"; against AWS it succeeds.
 *       Seen with the stand-in's target registration switched off (verification then fails);
 *       the scenarios here succeed, so they do not meet it.</li>
 *   <li>CreateService without {@code securityGroups} is an HTTP 500 (AWS uses the VPC's default
 *       group), so the specs name one; one private DNS namespace per VPC, so the DNS scenario
 *       makes its own VPC.</li>
 * </ul>
 */
// The SDK's Consumer<Builder>... overloads are generic varargs.
@SuppressWarnings("unchecked")
@EnabledIfEnvironmentVariable(named = "TURNOUT_IT_AWS_ENDPOINT", matches = ".+")
class ExecutorAgainstEndpointTest {
    private static final Region REGION = Region.EU_WEST_1;
    private static final String RUN = Long.toString(System.currentTimeMillis() % 2_000_000_000L, 36);

    private static URI endpoint;
    private static StaticCredentialsProvider credentials;
    private static Ec2Client ec2;
    private static EcsClient ecs;
    private static ElasticLoadBalancingV2Client elb;
    private static Route53Client route53;
    private static ServiceDiscoveryClient cloudMap;
    private static List<Subnet> subnets;
    private static String securityGroup;

    @TempDir
    Path tmp;

    @BeforeAll
    static void connect() {
        endpoint = URI.create(System.getenv("TURNOUT_IT_AWS_ENDPOINT"));
        credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        ec2 = Ec2Client.builder().region(REGION).credentialsProvider(credentials).endpointOverride(endpoint).build();
        ecs = EcsClient.builder().region(REGION).credentialsProvider(credentials).endpointOverride(endpoint).build();
        elb = ElasticLoadBalancingV2Client.builder().region(REGION).credentialsProvider(credentials).endpointOverride(endpoint).build();
        route53 = Route53Client.builder().region(REGION).credentialsProvider(credentials).endpointOverride(endpoint).build();
        cloudMap = ServiceDiscoveryClient.builder().region(REGION).credentialsProvider(credentials).endpointOverride(endpoint).build();
        // An ALB needs subnets in two zones; moto (like a fresh AWS account) has a default VPC.
        subnets = ec2.describeSubnets(r -> r.filters(f -> f.name("default-for-az").values("true"))).subnets().subList(0, 2);
        // moto fails CreateService (HTTP 500) without securityGroups, which AWS would default: name the VPC's default group.
        securityGroup = ec2.describeSecurityGroups(r -> r.filters(f -> f.name("vpc-id").values(subnets.getFirst().vpcId()),
                f -> f.name("group-name").values("default"))).securityGroups().getFirst().groupId();
    }

    @AfterAll
    static void disconnect() {
        for (AutoCloseable c : new AutoCloseable[] {ec2, ecs, elb, route53, cloudMap}) {
            try {
                if (c != null) c.close();
            } catch (Exception ignored) {
                // closing test clients cannot fail the run
            }
        }
    }

    @Test
    void elbListenerSwap() {
        String id = "l" + RUN;
        String lb = createLoadBalancer("exec-" + id);
        String tgA = createTargetGroup("web-a-" + id, 8080);
        String tgB = createTargetGroup("web-b-" + id, 8080);
        elb.createListener(r -> r.loadBalancerArn(lb).port(80).protocol(ProtocolEnum.HTTP).defaultActions(forward(tgA)));
        elb.createListener(r -> r.loadBalancerArn(lb).port(8081).protocol(ProtocolEnum.HTTP).defaultActions(forward(tgB)));
        try (EndpointWorld world = world("exec-" + id)) {
            world.write("services/web/service.yaml", service("web", "web.taskdef.json", """
                        elb:
                          loadBalancer: exec-%s
                          prodListener: {port: 80}
                          stageListener: {port: 8081}
                          targetGroups: {a: web-a-%s, b: web-b-%s}
                          container: {name: web, port: 8080}
                    """.formatted(id, id, id), """
                      verification:
                        healthyTargets: true
                        bakeTime: 30s
                        httpChecks: [{path: /health, expectStatus: 200, expectBodyContains: ok, timeout: 5s}]
                      autoScaling:
                        minCapacity: 2
                        maxCapacity: 4
                        policies:
                          - PolicyName: cpu-60
                            PolicyType: TargetTrackingScaling
                            TargetTrackingScalingPolicyConfiguration:
                              TargetValue: 60
                              PredefinedMetricSpecification: {PredefinedMetricType: ECSServiceAverageCPUUtilization}
                    """));
            world.write("services/web/web.taskdef.json", taskDefinition("exec-web-" + id, "web", 8080, "nginx:1.27"));
            threeDeployments(world, "web", "services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28", Slot.B,
                    elbCheck(world, "web", Map.of(Slot.A, tgA, Slot.B, tgB)));
        }
    }

    @Test
    void elbListenerRuleSwap() {
        String id = "r" + RUN;
        String lb = createLoadBalancer("exec-" + id);
        String tgA = createTargetGroup("api-a-" + id, 9000);
        String tgB = createTargetGroup("api-b-" + id, 9000);
        Map<Integer, String> routes = Map.of(80, tgA, 8081, tgB);
        routes.forEach((port, tg) -> {
            String listener = elb.createListener(r -> r.loadBalancerArn(lb).port(port).protocol(ProtocolEnum.HTTP)
                            .defaultActions(a -> a.type(ActionTypeEnum.FIXED_RESPONSE)
                                    .fixedResponseConfig(f -> f.statusCode("404").contentType("text/plain"))))
                    .listeners().getFirst().listenerArn();
            elb.createRule(r -> r.listenerArn(listener).priority(10).conditions(c -> c.field("path-pattern").values("/api/*"))
                    .actions(forward(tg)));
        });
        try (EndpointWorld world = world("exec-" + id)) {
            world.write("services/api/service.yaml", service("api", "api.taskdef.json", """
                        elb:
                          loadBalancer: exec-%s
                          prodListener: {port: 80}
                          stageListener: {port: 8081}
                          prodRule: {priority: 10}
                          stageRule: {priority: 10}
                          targetGroups: {a: api-a-%s, b: api-b-%s}
                          container: {name: api, port: 9000}
                    """.formatted(id, id, id), """
                      verification:
                        healthyTargets: true
                        bakeTime: 30s
                        httpChecks: [{path: /api/health, expectStatus: 200, timeout: 5s}]
                    """));
            world.write("services/api/api.taskdef.json", taskDefinition("exec-api-" + id, "api", 9000, "python:3.13-slim"));
            threeDeployments(world, "api", "services/api/api.taskdef.json", "python:3.13-slim", "python:3.14-slim", Slot.B,
                    elbCheck(world, "api", Map.of(Slot.A, tgA, Slot.B, tgB)));
        }
    }

    @Test
    void dnsWeightedSwap() {
        String id = "d" + RUN;
        // A VPC of its own: moto allows one private DNS namespace per VPC whatever its name.
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.78.0.0/16")).vpc().vpcId();
        String zone = "internal-" + id + ".shop.example.";
        route53.createHostedZone(r -> r.name(zone).callerReference("turnout-exec-" + id)
                .hostedZoneConfig(c -> c.privateZone(true)).vpc(v -> v.vpcId(vpc).vpcRegion(REGION.id())));
        String namespace = "svc-" + id + ".shop.local";
        cloudMap.createPrivateDnsNamespace(r -> r.name(namespace).vpc(vpc).creatorRequestId("turnout-exec-" + id));
        String namespaceId = cloudMap.listNamespacesPaginator(r -> {}).stream().flatMap(p -> p.namespaces().stream()).filter(n -> n.name().equals(namespace))
                .findFirst().orElseThrow().id();
        for (String name : List.of("catalog-a", "catalog-b")) {
            cloudMap.createService(r -> r.name(name).namespaceId(namespaceId).dnsConfig(d -> d.dnsRecords(x -> x.type("A").ttl(10L))));
        }
        try (EndpointWorld world = world("exec-" + id)) {
            world.write("services/catalog/service.yaml", service("catalog", "catalog.taskdef.json", """
                        dns:
                          hostedZone: %s
                          recordName: catalog.internal-%s.shop.example
                          ttl: 30
                          namespace: %s
                          cloudMapServices: {a: catalog-a, b: catalog-b}
                          weightSteps:
                            - {weight: 50, bakeTime: 30s}
                            - {weight: 100}
                    """.formatted(zone, id, namespace), """
                      verification:
                        healthyTargets: false
                        bakeTime: 30s
                    """));
            world.write("services/catalog/catalog.taskdef.json", taskDefinition("exec-catalog-" + id, "catalog", 8080, "httpd:2.4"));
            List<Map<Slot, Long>> shifts = new ArrayList<>();
            int[] deployments = {0};
            threeDeployments(world, "catalog", "services/catalog/catalog.taskdef.json", "httpd:2.4", "httpd:2.5", Slot.A,
                    blue -> {
                        LiveDns dns = (LiveDns) world.live().service("catalog").orElseThrow().traffic().orElseThrow();
                        assertEquals(Map.of(blue, 100L, blue.other(), 0L), weights(dns), world.transcript());
                        assertEquals("catalog-" + blue.id() + "." + namespace,
                                dns.record(blue).orElseThrow().values().getFirst());
                        // Each ShiftWeights step as Route 53 answered right after it: bootstrap goes straight
                        // to 100, the swap and the rollback through 50/50 (one atomic batch each time).
                        List<Map<Slot, Long>> expected = deployments[0]++ == 0
                                ? List.of(Map.of(blue, 100L, blue.other(), 0L))
                                : List.of(Map.of(blue, 50L, blue.other(), 50L), Map.of(blue, 100L, blue.other(), 0L));
                        assertEquals(expected, shifts, world.transcript());
                        shifts.clear();
                    },
                    (index, step) -> {
                        if (step instanceof ShiftWeights) {
                            shifts.add(weights((LiveDns) world.live().service("catalog").orElseThrow().traffic().orElseThrow()));
                        }
                    });
        }
    }

    private static Map<Slot, Long> weights(LiveDns dns) {
        return Map.of(Slot.A, dns.weight(Slot.A), Slot.B, dns.weight(Slot.B));
    }

    // ---- the three deployments ----

    /**
     * Bootstrap, swap, rollback. {@code first}: the slot the bootstrap creates, the one production
     * does not point at yet (b when the prod route already forwards to slot a's group).
     */
    private void threeDeployments(EndpointWorld world, String service, String taskDefinitionFile, String v1, String v2,
                                  Slot first, Consumer<Slot> trafficCheck) {
        threeDeployments(world, service, taskDefinitionFile, v1, v2, first, trafficCheck, (index, step) -> {});
    }

    private void threeDeployments(EndpointWorld world, String service, String taskDefinitionFile, String v1, String v2,
                                  Slot firstSlot, Consumer<Slot> trafficCheck, BiConsumer<Integer, Step> afterStep) {
        Plan first = world.plan("c1");
        assertEquals(PlanKind.BOOTSTRAP, kind(first, service), () -> render(first));
        applied(world, first, afterStep);
        assertProduction(world, service, firstSlot, trafficCheck);

        world.replaceIn(taskDefinitionFile, v1, v2);
        Plan second = world.plan("c2");
        assertEquals(PlanKind.BLUE_GREEN, kind(second, service), () -> render(second));
        applied(world, second, afterStep);
        assertProduction(world, service, firstSlot.other(), trafficCheck);

        world.replaceIn(taskDefinitionFile, v2, v1);
        Plan third = world.plan("c3");
        assertEquals(PlanKind.ROLLBACK, kind(third, service), () -> render(third));
        world.gateway.stats().reset();
        applied(world, third, afterStep);
        assertEquals(0, world.gateway.stats().count("ecs:RegisterTaskDefinition"), "a rollback registers nothing");
        assertProduction(world, service, firstSlot, trafficCheck);
    }

    private static void applied(EndpointWorld world, Plan plan, BiConsumer<Integer, Step> afterStep) {
        ApplyResult result = world.apply(plan, afterStep);
        assertTrue(result.succeeded(), () -> result + "\n" + render(plan) + "\n" + world.transcript());
    }

    /** Production on {@code blue}, BG_VERSION agreeing, the ECS service steady, and nothing left to plan. */
    private static void assertProduction(EndpointWorld world, String service, Slot blue, Consumer<Slot> trafficCheck) {
        LiveState live = world.live();
        LiveService ls = live.service(service).orElseThrow();
        assertEquals(List.of(), ls.problems());
        assertEquals(blue, ls.blue().orElseThrow(), world.transcript());
        var blueService = ls.slot(blue).orElseThrow().service();
        assertEquals(Tags.BLUE, blueService.tags().get(Tags.BG_VERSION), blueService.tags().toString());
        // the reader does not describe GREEN when BLUE's tags vouch for the spec: ask ECS directly
        var green = world.gateway.ecs().describeServices(live.cluster(), List.of(blue.other().ecsServiceName(service)))
                .services().getFirst();
        assertEquals(Tags.GREEN, green.tags().get(Tags.BG_VERSION), green.tags().toString());
        assertTrue(blueService.steady() && blueService.runningCount() > 0, blueService.toString());
        trafficCheck.accept(blue);
        Plan again = world.plan("check");
        assertTrue(again.inSync(), () -> render(again) + "\n" + world.transcript());
    }

    /** The prod route forwards to {@code blue}'s target group, stage to the other's; auto scaling follows BLUE. */
    private static Consumer<Slot> elbCheck(EndpointWorld world, String service, Map<Slot, String> targetGroups) {
        return blue -> {
            LiveService ls = world.live().service(service).orElseThrow();
            LiveElb traffic = (LiveElb) ls.traffic().orElseThrow();
            assertEquals(targetGroups.get(blue), traffic.prodTargetGroupArn(), world.transcript());
            assertEquals(targetGroups.get(blue.other()), traffic.stageTargetGroupArn(), world.transcript());
        };
    }

    static PlanKind kind(Plan plan, String service) {
        return plan.services().stream().filter(s -> s.service().equals(service)).findFirst().orElseThrow().kind();
    }

    private static String render(Plan plan) {
        return new TextPlanRenderer(false).render(plan);
    }

    // ---- infrastructure and specs ----

    private EndpointWorld world(String cluster) {
        ecs.createCluster(r -> r.clusterName(cluster));
        return new EndpointWorld(EndpointWorld.environment(tmp.resolve("specs"), "it", cluster), "it", endpoint,
                credentials, elb);
    }

    /** {@code traffic} is the block under {@code traffic:}, {@code rest} what follows it under {@code blueGreen:}, both 4 spaces in. */
    private static String service(String name, String taskDefinitionFile, String traffic, String rest) {
        return """
                apiVersion: turnout/v1
                kind: Service
                metadata: {name: %s}
                spec:
                  environments: [it]
                  taskDefinition: {file: %s}
                  service:
                    desiredCount: 2
                    launchType: FARGATE
                    networkConfiguration:
                      awsvpcConfiguration:
                        subnets: [%s, %s]
                        securityGroups: [%s]
                        assignPublicIp: DISABLED
                  strategy:
                    blueGreen:
                      traffic:
                %s%s""".formatted(name, taskDefinitionFile, subnets.get(0).subnetId(), subnets.get(1).subnetId(),
                securityGroup, traffic.indent(4), rest.indent(4));
    }

    private static String taskDefinition(String family, String container, int port, String image) {
        return """
                {"family": "%s", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
                 "containerDefinitions": [{"name": "%s", "image": "public.ecr.aws/docker/library/%s", "essential": true,
                   "portMappings": [{"containerPort": %d, "protocol": "tcp"}],
                   "environment": [{"name": "LOG_LEVEL", "value": "info"}]}]}
                """.formatted(family, container, image, port);
    }

    private static String createLoadBalancer(String name) {
        return elb.createLoadBalancer(r -> r.name(name).subnets(subnets.stream().map(Subnet::subnetId).toList())
                .securityGroups(securityGroup)).loadBalancers().getFirst().loadBalancerArn();
    }

    private static String createTargetGroup(String name, int port) {
        return elb.createTargetGroup(r -> r.name(name).port(port).protocol(ProtocolEnum.HTTP).vpcId(subnets.getFirst().vpcId())
                .targetType(TargetTypeEnum.IP)).targetGroups().getFirst().targetGroupArn();
    }

    private static Consumer<Action.Builder> forward(String targetGroupArn) {
        return a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn);
    }
}
