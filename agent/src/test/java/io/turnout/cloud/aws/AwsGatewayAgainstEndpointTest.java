package io.turnout.cloud.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.ChangeInfo;
import io.turnout.cloud.CloudException;
import io.turnout.cloud.CreateServiceRequest;
import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.RecordChange;
import io.turnout.cloud.RecordSetInfo;
import io.turnout.cloud.ScalableTargetInfo;
import io.turnout.cloud.TargetHealthInfo;
import io.turnout.cloud.TaskDefinitionInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The AWS gateway against a real AWS-compatible endpoint (moto server, LocalStack), named by
 * {@code TURNOUT_IT_AWS_ENDPOINT}; skipped when it is unset, so CI never needs one.
 *
 * <p>Fixtures that create infrastructure (cluster, load balancer, zone, namespace) use the raw
 * SDK, as an operator's CloudFormation would; every assertion goes through the gateway. Names
 * carry a per-run suffix so the test can run again against a long-lived emulator.
 *
 * <p>Where moto differs from AWS the test says so at the assertion; the gateway never works
 * around an emulator. What every gateway must do (the simulator included) is the contract in
 * {@code io.turnout.cloud.contract.CloudGatewayContract}; Cloud Map and auto scaling are only
 * there, and each behaviour it asserts is asserted only there. This class keeps what only a real
 * endpoint shows: the account guard, pagination and batching of real answers, tag merging,
 * rule conditions surviving a swap, targets, Route 53 change status.
 */
// The SDK's Consumer<Builder>... overloads are generic varargs.
@SuppressWarnings("unchecked")
@EnabledIfEnvironmentVariable(named = "TURNOUT_IT_AWS_ENDPOINT", matches = ".+")
class AwsGatewayAgainstEndpointTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Region REGION = Region.EU_WEST_1;
    private static final String RUN = Long.toString(System.currentTimeMillis() % 2_000_000_000L, 36);

    private static AwsCloudGateway gateway;
    private static StaticCredentialsProvider credentials;
    private static URI endpoint;
    private static EcsClient ecs;
    private static ElasticLoadBalancingV2Client elb;
    private static Route53Client route53;
    private static ServiceDiscoveryClient cloudMap;
    private static Ec2Client ec2;

    @BeforeAll
    static void connect() {
        endpoint = URI.create(System.getenv("TURNOUT_IT_AWS_ENDPOINT"));
        credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        gateway = new AwsCloudGateway(AwsSettings.of(REGION, credentials).withEndpointOverride(endpoint));
        ecs = EcsClient.builder().region(REGION).credentialsProvider(credentials).endpointOverride(endpoint).build();
        elb = ElasticLoadBalancingV2Client.builder().region(REGION).credentialsProvider(credentials).endpointOverride(endpoint).build();
        route53 = Route53Client.builder().region(REGION).credentialsProvider(credentials).endpointOverride(endpoint).build();
        cloudMap = ServiceDiscoveryClient.builder().region(REGION).credentialsProvider(credentials).endpointOverride(endpoint).build();
        ec2 = Ec2Client.builder().region(REGION).credentialsProvider(credentials).endpointOverride(endpoint).build();
    }

    @AfterAll
    static void disconnect() {
        for (AutoCloseable c : new AutoCloseable[] {gateway, ecs, elb, route53, cloudMap, ec2}) {
            try {
                if (c != null) c.close();
            } catch (Exception ignored) {
                // closing test clients cannot fail the run
            }
        }
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static JsonNode taskDefinition(String family) {
        return json("""
                {"family": "%s", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
                 "containerDefinitions": [{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "essential": true,
                   "portMappings": [{"containerPort": 8080, "protocol": "tcp"}],
                   "environment": [{"name": "LOG_LEVEL", "value": "info"}]}]}""".formatted(family));
    }

    private static List<Subnet> twoSubnets() {
        // An ALB needs subnets in two zones; moto (like a fresh AWS account) has a default VPC.
        List<Subnet> subnets = ec2.describeSubnets(r -> r.filters(f -> f.name("default-for-az").values("true"))).subnets();
        if (subnets.size() >= 2) return subnets.subList(0, 2);
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.42.0.0/16")).vpc().vpcId();
        return List.of(
                ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.42.1.0/24").availabilityZone("eu-west-1a")).subnet(),
                ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.42.2.0/24").availabilityZone("eu-west-1b")).subnet());
    }

    @Test
    void stsCallerAccountAndAccountGuard() {
        String account = gateway.callerAccount();
        assertTrue(account.matches("\\d{12}"), account);
        gateway.checkAccount(AwsSettingsTest.env("it", "eu-west-1", account, null));
        CloudException e = assertThrows(CloudException.class,
                () -> gateway.checkAccount(AwsSettingsTest.env("it", "eu-west-1", "000000000001", null)));
        assertEquals("AccountMismatch", e.errorCode());
        assertTrue(e.getMessage().contains(account), e.getMessage());
    }

    /**
     * Beyond the contract: ListServices is paged (10 per page in AWS) and the gateway follows the
     * pages; the spec's own service tags are merged with Turnout's on CreateService.
     */
    @Test
    void listServicesFollowsPagesAndSpecTagsJoinTurnouts() {
        String cluster = "turnout-it-" + RUN;
        ecs.createCluster(r -> r.clusterName(cluster));
        List<Subnet> subnets = twoSubnets();
        TaskDefinitionInfo td = gateway.ecs().registerTaskDefinition(taskDefinition("web-" + RUN), Map.of());

        // securityGroups is optional in AWS (the VPC's default group is used); moto 5.2 fails
        // CreateService with HTTP 500 (KeyError 'securityGroups') without it, so the test names one.
        String defaultGroup = ec2.describeSecurityGroups(r -> r.filters(
                f -> f.name("vpc-id").values(subnets.getFirst().vpcId()),
                f -> f.name("group-name").values("default"))).securityGroups().getFirst().groupId();
        JsonNode settings = json("""
                {"launchType": "FARGATE",
                 "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["%s"], "securityGroups": ["%s"]}},
                 "tags": [{"key": "team", "value": "shop"}, {"key": "BG_VERSION", "value": "ignored"}]}"""
                .formatted(subnets.getFirst().subnetId(), defaultGroup));
        EcsServiceInfo a = gateway.ecs().createService(new CreateServiceRequest(cluster, "web--a", td.arn(), 0, List.of(),
                List.of(), settings, Map.of("BG_VERSION", "BLUE", "turnout:slot", "a")));
        assertEquals(Map.of("BG_VERSION", "BLUE", "turnout:slot", "a", "team", "shop"), a.tags(), "Turnout's tags win");

        // Thirteen more services: more than one ListServices page (10) in AWS.
        for (int i = 0; i < 13; i++) {
            int n = i;
            ecs.createService(r -> r.cluster(cluster).serviceName("filler-" + n).taskDefinition(td.arn()).desiredCount(0));
        }
        List<String> arns = gateway.ecs().listServices(cluster);
        assertEquals(14, arns.size(), arns.toString());
        assertTrue(arns.stream().anyMatch(arn -> arn.endsWith("/web--a")), arns.toString());
    }

    /**
     * Beyond the contract: a rule swap keeps the rule's conditions (ModifyRule is given only the
     * action), listeners report their protocol, and targets register, report health and drain.
     */
    @Test
    void ruleSwapKeepsConditionsAndTargetsRegister() {
        List<Subnet> subnets = twoSubnets();
        String vpc = subnets.getFirst().vpcId();
        String lbArn = elb.createLoadBalancer(r -> r.name("alb-" + RUN).subnets(subnets.stream().map(Subnet::subnetId).toList()))
                .loadBalancers().getFirst().loadBalancerArn();
        String tgA = createTargetGroup("tg-a-" + RUN, vpc);
        String tgB = createTargetGroup("tg-b-" + RUN, vpc);
        String prod = elb.createListener(r -> r.loadBalancerArn(lbArn).port(80).protocol(ProtocolEnum.HTTP)
                .defaultActions(x -> x.type(ActionTypeEnum.FORWARD).targetGroupArn(tgA))).listeners().getFirst().listenerArn();
        String ruleArn = elb.createRule(r -> r.listenerArn(prod).priority(10)
                        .conditions(c -> c.field("path-pattern").values("/api/*"))
                        .actions(x -> x.type(ActionTypeEnum.FORWARD).targetGroupArn(tgA)))
                .rules().getFirst().ruleArn();

        assertNotNull(gateway.elb().describeLoadBalancers(List.of("alb-" + RUN)).getFirst().dnsName());
        assertEquals("HTTP", gateway.elb().describeListeners(lbArn).getFirst().protocol());

        gateway.elb().modifyRule(ruleArn, tgB);
        var rule = elb.describeRules(r -> r.ruleArns(ruleArn)).rules().getFirst();
        assertEquals(tgB, rule.actions().getFirst().targetGroupArn());
        assertEquals("path-pattern", rule.conditions().getFirst().field());
        assertEquals(List.of("/api/*"), rule.conditions().getFirst().values());

        var t1 = new TargetHealthInfo.Target("10.0.1.10", 8080);
        var t2 = new TargetHealthInfo.Target("10.0.1.11", 8080);
        gateway.elb().registerTargets(tgA, List.of(t1, t2));
        List<TargetHealthInfo> health = gateway.elb().describeTargetHealth(tgA);
        assertEquals(Set.of(t1, t2), health.stream().map(TargetHealthInfo::target).collect(Collectors.toSet()));
        assertTrue(health.stream().allMatch(h -> h.state() != null), health.toString());
        gateway.elb().deregisterTargets(tgA, List.of(t2));
        // AWS keeps a deregistered target as "draining" for the deregistration delay; an emulator may drop it.
        assertTrue(gateway.elb().describeTargetHealth(tgA).stream()
                .noneMatch(h -> h.target().equals(t2) && h.healthy()));
    }

    private static String createTargetGroup(String name, String vpc) {
        return elb.createTargetGroup(r -> r.name(name).port(8080).protocol(ProtocolEnum.HTTP).vpcId(vpc)
                .targetType(TargetTypeEnum.IP)).targetGroups().getFirst().targetGroupArn();
    }

    /**
     * Beyond the contract: a change batch answers with its change id and status, GetChange
     * follows it, and the zone lists its SOA alongside the records Turnout wrote.
     */
    @Test
    void route53ChangesReportTheirStatus() {
        String zoneName = "internal-" + RUN + ".shop.example.";
        String rawId = route53.createHostedZone(r -> r.name(zoneName).callerReference("turnout-it-" + RUN))
                .hostedZone().id();
        String zone = rawId.replace("/hostedzone/", "");

        String record = "catalog." + zoneName;
        ChangeInfo change = gateway.route53().changeResourceRecordSets(zone, List.of(
                new RecordChange(RecordChange.Action.UPSERT, new RecordSetInfo(record, "CNAME", "a", 100L, 30,
                        List.of("catalog-a.svc.shop.local")))));
        assertFalse(change.id().startsWith("/"), change.id());
        assertTrue(Set.of("PENDING", "INSYNC").contains(change.status()), change.status());
        ChangeInfo later = gateway.route53().getChange(change.id());
        assertEquals(change.id(), later.id());
        assertTrue(Set.of("PENDING", "INSYNC").contains(later.status()), later.status());
        assertTrue(gateway.route53().listResourceRecordSets(zone).stream().anyMatch(r -> r.type().equals("SOA")));

        // AWS: GetChange of an unknown id is NoSuchChange (404, NOT_FOUND).
        // moto 5.2: GetChange answers INSYNC for any id, known or not.
        String unknownChange = "CNOSUCHCHANGE" + RUN.toUpperCase();
        try {
            assertEquals("INSYNC", gateway.route53().getChange(unknownChange).status(), "only moto answers an unknown change");
        } catch (CloudException e) {
            assertEquals(CloudException.Kind.NOT_FOUND, e.kind(), e.getMessage());
            assertEquals("NoSuchChange", e.errorCode());
        }
    }

    @Test
    void describeScalableTargetsBatchesFiftyIdsPerCall() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 51; i++) ids.add(ScalableTargetInfo.resourceId("nowhere-" + RUN, "svc-" + i));
        long before = gateway.stats().count("application-autoscaling:DescribeScalableTargets");
        assertEquals(List.of(), gateway.autoScaling().describeScalableTargets(ids));
        assertEquals(before + 2, gateway.stats().count("application-autoscaling:DescribeScalableTargets"));
    }
}
