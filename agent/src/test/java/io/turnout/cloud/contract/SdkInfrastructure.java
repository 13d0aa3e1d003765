package io.turnout.cloud.contract;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.AutoRollbackEvent;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.DeploymentOption;
import software.amazon.awssdk.services.codedeploy.model.DeploymentType;
import software.amazon.awssdk.services.codedeploy.model.TargetGroupInfo;
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

/** {@link Infrastructure} through the raw AWS SDK against an endpoint (an emulator, or a test account). */
// The SDK's Consumer<Builder>... overloads are generic varargs.
@SuppressWarnings("unchecked")
final class SdkInfrastructure implements Infrastructure, AutoCloseable {
    private final EcsClient ecs;
    private final ElasticLoadBalancingV2Client elb;
    private final Route53Client route53;
    private final ServiceDiscoveryClient cloudMap;
    private final Ec2Client ec2;
    private final CodeDeployClient codeDeploy;
    private final CloudWatchClient cloudWatch;
    private final Map<String, String> loadBalancers = new HashMap<>();
    private final Map<String, String> targetGroups = new HashMap<>();
    private final Map<String, String> listeners = new HashMap<>();
    private final Map<String, String> namespaces = new HashMap<>();
    private List<Subnet> subnets;
    private String vpc;

    SdkInfrastructure(URI endpoint, Region region, AwsCredentialsProvider credentials) {
        ecs = EcsClient.builder().region(region).credentialsProvider(credentials).endpointOverride(endpoint).build();
        elb = ElasticLoadBalancingV2Client.builder().region(region).credentialsProvider(credentials).endpointOverride(endpoint).build();
        route53 = Route53Client.builder().region(region).credentialsProvider(credentials).endpointOverride(endpoint).build();
        cloudMap = ServiceDiscoveryClient.builder().region(region).credentialsProvider(credentials).endpointOverride(endpoint).build();
        ec2 = Ec2Client.builder().region(region).credentialsProvider(credentials).endpointOverride(endpoint).build();
        codeDeploy = CodeDeployClient.builder().region(region).credentialsProvider(credentials).endpointOverride(endpoint).build();
        cloudWatch = CloudWatchClient.builder().region(region).credentialsProvider(credentials).endpointOverride(endpoint).build();
    }

    /** Two subnets in two zones (an ALB needs them): the default VPC's, or a VPC of our own. */
    private List<Subnet> subnets() {
        if (subnets != null) return subnets;
        List<Subnet> found = ec2.describeSubnets(r -> r.filters(f -> f.name("default-for-az").values("true"))).subnets();
        if (found.size() >= 2) {
            subnets = found.subList(0, 2);
        } else {
            String v = ec2.createVpc(r -> r.cidrBlock("10.42.0.0/16")).vpc().vpcId();
            subnets = List.of(
                    ec2.createSubnet(r -> r.vpcId(v).cidrBlock("10.42.1.0/24").availabilityZone("eu-west-1a")).subnet(),
                    ec2.createSubnet(r -> r.vpcId(v).cidrBlock("10.42.2.0/24").availabilityZone("eu-west-1b")).subnet());
        }
        vpc = subnets.getFirst().vpcId();
        return subnets;
    }

    @Override
    public void cluster(String name) {
        ecs.createCluster(r -> r.clusterName(name));
    }

    @Override
    public void targetGroup(String name, int port) {
        subnets();
        targetGroups.put(name, elb.createTargetGroup(r -> r.name(name).port(port).protocol(ProtocolEnum.HTTP).vpcId(vpc)
                .targetType(TargetTypeEnum.IP)).targetGroups().getFirst().targetGroupArn());
    }

    @Override
    public void loadBalancer(String name) {
        loadBalancers.put(name, elb.createLoadBalancer(r -> r.name(name).subnets(subnets().stream().map(Subnet::subnetId).toList()))
                .loadBalancers().getFirst().loadBalancerArn());
    }

    @Override
    public void listener(String loadBalancer, int port, String targetGroup) {
        listeners.put(loadBalancer + ":" + port, elb.createListener(r -> r.loadBalancerArn(loadBalancers.get(loadBalancer))
                .port(port).protocol(ProtocolEnum.HTTP)
                .defaultActions(x -> x.type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroups.get(targetGroup))))
                .listeners().getFirst().listenerArn());
    }

    @Override
    public void rule(String loadBalancer, int port, int priority, String pathPattern, String targetGroup) {
        elb.createRule(r -> r.listenerArn(listeners.get(loadBalancer + ":" + port)).priority(priority)
                .conditions(c -> c.field("path-pattern").values(pathPattern))
                .actions(x -> x.type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroups.get(targetGroup))));
    }

    @Override
    public void privateZone(String name) {
        String v = ec2.createVpc(r -> r.cidrBlock("10.43.0.0/16")).vpc().vpcId();
        route53.createHostedZone(r -> r.name(name).callerReference("turnout-" + name + System.nanoTime())
                .vpc(x -> x.vpcId(v).vpcRegion("eu-west-1")).hostedZoneConfig(c -> c.privateZone(true)));
    }

    @Override
    public void namespace(String name) {
        // A VPC of its own: moto 5.2 allows one private DNS namespace per VPC whatever its name
        // (ConflictingDomainExists), where AWS only refuses the same domain twice in a VPC.
        String v = ec2.createVpc(r -> r.cidrBlock("10.77.0.0/16")).vpc().vpcId();
        String operation = cloudMap.createPrivateDnsNamespace(r -> r.name(name).vpc(v).creatorRequestId("turnout-" + name))
                .operationId();
        String id = cloudMap.getOperation(r -> r.operationId(operation)).operation().targets()
                .get(software.amazon.awssdk.services.servicediscovery.model.OperationTargetType.NAMESPACE);
        namespaces.put(name, id);
    }

    @Override
    public void cloudMapService(String namespace, String name) {
        cloudMap.createService(r -> r.name(name).namespaceId(namespaces.get(namespace))
                .dnsConfig(d -> d.dnsRecords(x -> x.type("A").ttl(10L))));
    }

    @Override
    public void codeDeployGroup(String application, String group, String cluster, String service, List<String> targetGroups,
                                String loadBalancer, int prodPort, int testPort) {
        codeDeploy.createApplication(r -> r.applicationName(application).computePlatform(ComputePlatform.ECS));
        codeDeploy.createDeploymentGroup(r -> r.applicationName(application).deploymentGroupName(group)
                .serviceRoleArn("arn:aws:iam::123456789012:role/codedeploy-ecs")
                .deploymentStyle(d -> d.deploymentType(DeploymentType.BLUE_GREEN).deploymentOption(DeploymentOption.WITH_TRAFFIC_CONTROL))
                .ecsServices(e -> e.clusterName(cluster).serviceName(service))
                .autoRollbackConfiguration(a -> a.enabled(true).events(AutoRollbackEvent.DEPLOYMENT_FAILURE))
                .loadBalancerInfo(l -> l.targetGroupPairInfoList(p -> p
                        .targetGroups(targetGroups.stream().map(tg -> TargetGroupInfo.builder().name(tg).build()).toList())
                        .prodTrafficRoute(t -> t.listenerArns(listeners.get(loadBalancer + ":" + prodPort)))
                        .testTrafficRoute(t -> t.listenerArns(listeners.get(loadBalancer + ":" + testPort))))));
    }

    @Override
    public void alarm(String name) {
        cloudWatch.putMetricAlarm(r -> r.alarmName(name).namespace("AWS/ApplicationELB").metricName("HTTPCode_Target_5XX_Count")
                .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD));
    }

    @Override
    public JsonNode fargateSettings() {
        // securityGroups is optional in AWS (the VPC's default group is used); moto 5.2 fails
        // CreateService with HTTP 500 (KeyError 'securityGroups') without it, so one is named.
        String subnet = subnets().getFirst().subnetId();
        String group = ec2.describeSecurityGroups(r -> r.filters(f -> f.name("vpc-id").values(vpc),
                f -> f.name("group-name").values("default"))).securityGroups().getFirst().groupId();
        return JsonMapper.builder().build().readTree("""
                {"launchType": "FARGATE", "networkConfiguration": {"awsvpcConfiguration":
                  {"subnets": ["%s"], "securityGroups": ["%s"]}}}""".formatted(subnet, group));
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {ecs, elb, route53, cloudMap, ec2, codeDeploy, cloudWatch}) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing test clients cannot fail the run
            }
        }
    }
}
