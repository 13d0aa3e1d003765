package io.turnout.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cli.TurnoutCommand;
import io.turnout.cloud.Tags;
import io.turnout.live.LiveElb;
import io.turnout.live.LiveService;
import io.turnout.plan.CreateSlot;
import io.turnout.plan.Plan;
import io.turnout.plan.PlanKind;
import io.turnout.render.TextPlanRenderer;
import io.turnout.spec.Slot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * {@code turnout import} and adoption against the AWS-compatible endpoint named by
 * {@code TURNOUT_IT_AWS_ENDPOINT} (a moto server; skipped when it is unset), in a fresh account
 * per run (AssumeRole of a role in it: moto's credentials then act there). A plain ECS service
 * behind a target group is created with the SDK as a team would have it; {@code turnout import
 * --cloud aws} writes its spec and {@code turnout plan} of the result is in sync. Then the team
 * adds a second target group and a stage listener and adopts the service as slot a: a new image
 * is deployed to slot b (created on the second group, verified) and the prod listener swapped.
 * moto runs no tasks: {@link MotoTaskStandIn} does what ECS's scheduler would.
 */
// The SDK's Consumer<Builder>... overloads are generic varargs.
@SuppressWarnings("unchecked")
@EnabledIfEnvironmentVariable(named = "TURNOUT_IT_AWS_ENDPOINT", matches = ".+")
class ImportAndAdoptAgainstEndpointTest {
    private static final Region REGION = Region.EU_WEST_1;

    @TempDir
    Path tmp;

    private final URI endpoint = URI.create(System.getenv("TURNOUT_IT_AWS_ENDPOINT"));
    private final String account = "5" + String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
    private final String run = Long.toString(System.nanoTime() % 2_000_000_000L, 36);

    @Test
    void aPlainServiceIsImportedInSyncThenAdoptedAsSlotAAndANewImageGoesToSlotB() throws Exception {
        StaticCredentialsProvider credentials = roleCredentials();
        String cluster = "imp-" + run;
        String service = "web-" + run;
        try (Ec2Client ec2 = Ec2Client.builder().region(REGION).credentialsProvider(credentials).endpointOverride(endpoint).build();
             EcsClient ecs = EcsClient.builder().region(REGION).credentialsProvider(credentials).endpointOverride(endpoint).build();
             ElasticLoadBalancingV2Client elb = ElasticLoadBalancingV2Client.builder().region(REGION)
                     .credentialsProvider(credentials).endpointOverride(endpoint).build()) {
            // what a team has today: one service behind one target group, created outside Turnout
            List<Subnet> subnets = subnets(ec2);
            String vpc = subnets.getFirst().vpcId();
            String securityGroup = ec2.describeSecurityGroups(r -> r.filters(f -> f.name("vpc-id").values(vpc),
                    f -> f.name("group-name").values("default"))).securityGroups().getFirst().groupId();
            String lb = elb.createLoadBalancer(r -> r.name("imp-" + run).subnets(subnets.stream().map(Subnet::subnetId).toList())
                    .securityGroups(securityGroup)).loadBalancers().getFirst().loadBalancerArn();
            String blueGroup = targetGroup(elb, "web-" + run, vpc);
            elb.createListener(r -> r.loadBalancerArn(lb).port(80).protocol(ProtocolEnum.HTTP)
                    .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(blueGroup)));
            ecs.createCluster(r -> r.clusterName(cluster));
            String td = ecs.registerTaskDefinition(r -> r.family("imp-web-" + run).networkMode(NetworkMode.AWSVPC)
                    .requiresCompatibilitiesWithStrings("FARGATE").cpu("256").memory("512")
                    .containerDefinitions(c -> c.name("web").image("public.ecr.aws/nginx/nginx:1.27").essential(true)
                            .portMappings(p -> p.containerPort(8080).protocol("tcp"))))
                    .taskDefinition().taskDefinitionArn();
            ecs.createService(r -> r.cluster(cluster).serviceName(service).taskDefinition(td).desiredCount(2)
                    .launchType(LaunchType.FARGATE)
                    .loadBalancers(l -> l.targetGroupArn(blueGroup).containerName("web").containerPort(8080))
                    .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets(subnets.getFirst().subnetId())
                            .securityGroups(securityGroup).assignPublicIp(AssignPublicIp.DISABLED))));

            Path specs = tmp.resolve("specs");
            Run imported = cli(credentials, "import", "--env", "it", "--cluster", cluster, "--region", REGION.id(),
                    "--cloud", "aws", "--out", specs.toString());
            assertEquals(0, imported.exit(), imported.all());
            assertTrue(imported.out().contains(service + "  rolling (target group web-" + run + ")"), imported.all());
            assertTrue(imported.out().contains("in sync with the cluster"), imported.all());
            String serviceYaml = Files.readString(specs.resolve("services/" + service + "/service.yaml"));
            assertTrue(serviceYaml.contains("targetGroup: web-" + run), serviceYaml);
            assertTrue(Files.readString(specs.resolve("environments/it.yaml")).contains(account));
            Run plan = cli(credentials, "plan", "--env", "it", "--cloud", "aws", "--specs", specs.toString());
            assertEquals(0, plan.exit(), plan.all());

            // the team adds a second target group and a stage listener, and adopts the service as slot a
            String greenGroup = targetGroup(elb, "web2-" + run, vpc);
            elb.createListener(r -> r.loadBalancerArn(lb).port(8081).protocol(ProtocolEnum.HTTP)
                    .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(greenGroup)));
            Path serviceFile = specs.resolve("services/" + service + "/service.yaml");
            String rolling = serviceYaml.substring(serviceYaml.indexOf("  strategy:"));
            Files.writeString(serviceFile, serviceYaml.replace(rolling, """
                      strategy:
                        blueGreen:
                          slots: {a: %s}
                          traffic:
                            elb:
                              loadBalancer: imp-%s
                              prodListener: {port: 80}
                              stageListener: {port: 8081}
                              targetGroups: {a: web-%s, b: web2-%s}
                              container: {name: web, port: 8080}
                          verification: {healthyTargets: true, bakeTime: 30s}
                    """.formatted(service, run, run, run)));
            try (EndpointWorld world = new EndpointWorld(specs, "it", endpoint, credentials, elb)) {
                assertTrue(world.plan("c0").inSync(), () -> render(world.plan("c0")));
                world.replaceIn("services/" + service + "/" + service + ".taskdef.json", "nginx:1.27", "nginx:1.28");
                Plan deploy = world.plan("c1");
                assertEquals(PlanKind.BLUE_GREEN, deploy.services().getFirst().kind(), render(deploy));
                CreateSlot created = deploy.services().getFirst().steps().stream().filter(s -> s instanceof CreateSlot)
                        .map(s -> (CreateSlot) s).findFirst().orElseThrow();
                assertEquals(service + "--b", created.ecsServiceName());
                ApplyResult result = world.apply(deploy, (i, s) -> { });
                assertTrue(result.succeeded(), () -> result + "\n" + render(deploy) + "\n" + world.transcript());

                LiveService live = world.live().service(service).orElseThrow();
                assertEquals(Slot.B, live.blue().orElseThrow(), world.transcript());
                assertEquals(greenGroup, ((LiveElb) live.traffic().orElseThrow()).prodTargetGroupArn());
                assertEquals(blueGroup, ((LiveElb) live.traffic().orElseThrow()).stageTargetGroupArn());
                var adopted = world.gateway.ecs().describeServices(cluster, List.of(service)).services().getFirst();
                assertEquals(Tags.GREEN, adopted.tags().get(Tags.BG_VERSION), adopted.tags().toString());
                assertEquals("a", adopted.tags().get(Tags.SLOT));
                assertEquals(service, adopted.tags().get(Tags.SERVICE));
                assertTrue(world.plan("c2").inSync(), () -> render(world.plan("c2")) + "\n" + world.transcript());
            }
        }
    }

    record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Run cli(StaticCredentialsProvider credentials, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var c = (AwsSessionCredentials) credentials.resolveCredentials();
        Map<String, String> environment = Map.of("AWS_ENDPOINT_URL", endpoint.toString(), "AWS_ACCESS_KEY_ID",
                c.accessKeyId(), "AWS_SECRET_ACCESS_KEY", c.secretAccessKey(), "AWS_SESSION_TOKEN", c.sessionToken());
        int exit = TurnoutCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), environment).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String targetGroup(ElasticLoadBalancingV2Client elb, String name, String vpc) {
        return elb.createTargetGroup(r -> r.name(name).port(8080).protocol(ProtocolEnum.HTTP).vpcId(vpc)
                .targetType(TargetTypeEnum.IP)).targetGroups().getFirst().targetGroupArn();
    }

    /** Two subnets in two zones (an ALB needs them): the account's default VPC's. */
    private static List<Subnet> subnets(Ec2Client ec2) {
        List<Subnet> found = ec2.describeSubnets(r -> r.filters(f -> f.name("default-for-az").values("true"))).subnets();
        if (found.size() >= 2) return found.subList(0, 2);
        String v = ec2.createVpc(r -> r.cidrBlock("10.52.0.0/16")).vpc().vpcId();
        return List.of(ec2.createSubnet(r -> r.vpcId(v).cidrBlock("10.52.1.0/24").availabilityZone("eu-west-1a")).subnet(),
                ec2.createSubnet(r -> r.vpcId(v).cidrBlock("10.52.2.0/24").availabilityZone("eu-west-1b")).subnet());
    }

    /** Credentials acting in this test's own account: AssumeRole of a role in it. */
    private StaticCredentialsProvider roleCredentials() {
        try (StsClient sts = StsClient.builder().region(REGION).endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build()) {
            Credentials c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + account + ":role/turnout-import")
                    .roleSessionName("turnout-it-import")).credentials();
            return StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(),
                    c.sessionToken()));
        }
    }

    private static String render(Plan plan) {
        return new TextPlanRenderer(false).render(plan);
    }
}
