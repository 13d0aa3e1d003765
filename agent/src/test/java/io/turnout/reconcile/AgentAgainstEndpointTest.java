package io.turnout.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.apply.MotoTaskStandIn;
import io.turnout.apply.TargetHealthProbe;
import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.Tags;
import io.turnout.cloud.aws.AwsCloudAccess;
import io.turnout.cloud.aws.AwsCloudGateway;
import io.turnout.cloud.sim.ManualClock;
import io.turnout.ledger.StatusBoard;
import io.turnout.live.BatchedLiveStateReader;
import io.turnout.live.LiveElb;
import io.turnout.live.LiveService;
import io.turnout.metrics.DeploymentMetrics;
import io.turnout.plan.SlotTags;
import io.turnout.source.SpecRepository;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.Slot;
import io.turnout.spec.SpecTree;
import io.turnout.spec.load.LoadResult;
import io.turnout.spec.load.SpecLoader;
import io.turnout.status.CommitOutcome.Outcome;
import io.turnout.status.CommitOutcome;
import io.turnout.status.EnvironmentStatus;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The agent's reconcile core on AWS ({@link AwsCloudAccess}) against the AWS-compatible endpoint
 * named by {@code TURNOUT_IT_AWS_ENDPOINT} (a moto server; skipped when it is unset): a local
 * bare repository with one environment and one ELB listener-swap service, driven by
 * {@link EnvironmentReconciler#reconcile()} directly as {@link ReconcileEndToEndTest} does (no
 * Quartz, no Micronaut). First poll: bootstrap, marked live on the remote; an image bump:
 * blue/green to slot b; {@code git revert}: fast rollback to slot a, registering nothing.
 *
 * <p>The environment is in a fresh random account: its {@code roleArn} names a role there, and
 * moto answers AssumeRole with credentials acting in that account, so the account guard passes
 * and a long-lived emulator's earlier state does not matter. The infrastructure an operator
 * would create (cluster, load balancer, listeners, target groups) is made with the raw SDK in
 * that account.
 *
 * <p>moto runs no tasks and its load balancers serve nothing, so the access is built through its
 * test seam with the executor test's stand-ins: {@link MotoTaskStandIn} around the SDK gateway
 * (tasks "run" and register in their slot's target group), {@link TargetHealthProbe} for the HTTP
 * checks, and a {@link ManualClock} that only the deployment's waits move (nothing sleeps for
 * real). Live state, AWS call counts and tags are read through the SDK gateway the agent opened.
 * moto's other differences from AWS: see {@code ExecutorAgainstEndpointTest}.
 */
// The SDK's Consumer<Builder>... overloads are generic varargs.
@SuppressWarnings("unchecked")
@EnabledIfEnvironmentVariable(named = "TURNOUT_IT_AWS_ENDPOINT", matches = ".+")
class AgentAgainstEndpointTest {
    private static final String ENV = "it";
    private static final String TASKDEF = "services/web/web.taskdef.json";
    private static final String V1 = "public.ecr.aws/docker/library/nginx:1.27";
    private static final String V2 = "public.ecr.aws/docker/library/nginx:1.28";
    private static final Region REGION = Region.EU_WEST_1;

    @TempDir
    Path dir;

    private final URI endpoint = URI.create(System.getenv("TURNOUT_IT_AWS_ENDPOINT"));
    private final String account = "7" + String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
    private final ManualClock clock = new ManualClock();
    private StatusBoard board;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final Map<Slot, String> targetGroups = new java.util.EnumMap<>(Slot.class);

    private StaticCredentialsProvider inAccount;
    private ElasticLoadBalancingV2Client elb;
    private WorkRepo repo;
    private SpecRepository repository;
    private AwsCloudAccess cloud;
    private AwsCloudGateway sdkGateway;
    private Agents.Agent reconciler;

    @BeforeEach
    void setUp() throws Exception {
        inAccount = roleCredentials();
        elb = client(ElasticLoadBalancingV2Client.builder().region(REGION).credentialsProvider(inAccount).endpointOverride(endpoint).build());
        Path specs = specs(infrastructure());
        repo = WorkRepo.withSpecs(dir, "shop", specs, "Add the web service");
        repository = Agents.repository(repo.fileUrl(), dir.resolve("data"));
        Map<String, String> variables = Map.of("AWS_ENDPOINT_URL", endpoint.toString(),
                "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing");
        cloud = new AwsCloudAccess(variables, (environment, gateway) -> {
            sdkGateway = gateway;
            // the stand-in's own calls (what ECS would do) go through a second gateway, uncounted
            AwsCloudGateway ecsScheduler = client(AwsCloudGateway.forEnvironment(environment, variables));
            return new MotoTaskStandIn(gateway, ecsScheduler);
        }, clock, clock.sleeper(), new TargetHealthProbe(elb));
        reconciler = Agents.reconciler(ENV, repository, cloud, dir.resolve("data"), DeploymentMetrics.standalone());
        board = reconciler.board();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (cloud != null) cloud.close();
        if (repository != null) repository.close();
        if (repo != null) repo.close();
        for (AutoCloseable c : closing.reversed()) c.close();
    }

    @Test
    void bootstrapThenBlueGreenThenARevertRollsBackFast() throws Exception {
        // first poll: bootstrap; the prod listener already forwards to slot a's group, so the new slot is b
        reconciler.reconcile();
        String first = status().headCommit().orElseThrow();
        CommitOutcome bootstrap = lastOutcome();
        assertEquals(Outcome.APPLIED, bootstrap.outcome(), () -> bootstrap.detail() + "\n" + status());
        assertEquals(first, repo.remoteLiveTag(ENV));
        assertProduction(Slot.B, V1);

        // an image bump: blue/green to slot a
        String bump = repo.change(TASKDEF, V1, V2, "web: nginx 1.28");
        reconciler.reconcile();
        CommitOutcome deployed = lastOutcome();
        assertEquals(bump, deployed.commit());
        assertEquals(Outcome.APPLIED, deployed.outcome(), deployed::detail);
        assertEquals(bump, repo.remoteLiveTag(ENV));
        assertProduction(Slot.A, V2);

        // git revert: slot b still has v1's task definition, so nothing is registered
        long registered = sdkGateway.stats().count("ecs:RegisterTaskDefinition");
        String revert = repo.revert(bump);
        reconciler.reconcile();
        CommitOutcome rolledBack = lastOutcome();
        assertEquals(revert, rolledBack.commit());
        assertEquals(Outcome.APPLIED, rolledBack.outcome(), rolledBack::detail);
        assertTrue(rolledBack.detail().contains("rollback"), rolledBack.detail());
        assertEquals(registered, sdkGateway.stats().count("ecs:RegisterTaskDefinition"), "a revert registers no task definition");
        assertEquals(revert, repo.remoteLiveTag(ENV));
        assertProduction(Slot.B, V1);
        assertEquals(List.of(revert, bump, first), status().recent().stream().map(CommitOutcome::commit).toList());

        // nothing new: the next poll finds no drift and changes nothing
        reconciler.reconcile();
        assertEquals(3, status().recent().size());
        assertEquals(List.of(), status().drift());
    }

    private EnvironmentStatus status() {
        return board.environment(ENV).orElseThrow();
    }

    private CommitOutcome lastOutcome() {
        return status().lastOutcome().orElseThrow(() -> new AssertionError("no outcome: " + status()));
    }

    /** Production forwards to {@code blue}'s target group, its ECS service is tagged BLUE and runs {@code image}. */
    private void assertProduction(Slot blue, String image) {
        SpecTree tree = tree(repo.work.resolve(WorkRepo.SPECS));
        EnvironmentSpec environment = tree.environment(ENV).orElseThrow();
        LiveService web = new BatchedLiveStateReader(sdkGateway, SlotTags::runsDesired).read(environment, tree).service("web").orElseThrow();
        assertEquals(List.of(), web.problems());
        assertEquals(blue, web.blue().orElseThrow(), () -> status().toString());
        LiveElb traffic = (LiveElb) web.traffic().orElseThrow();
        assertEquals(targetGroups.get(blue), traffic.prodTargetGroupArn());
        assertEquals(targetGroups.get(blue.other()), traffic.stageTargetGroupArn());
        // the reader does not describe GREEN when BLUE's tags vouch for the spec: ask ECS for both
        EcsServiceInfo production = ecsService(blue);
        EcsServiceInfo idle = ecsService(blue.other());
        assertEquals(Tags.BLUE, production.tags().get(Tags.BG_VERSION), production.tags().toString());
        assertEquals(Tags.GREEN, idle.tags().get(Tags.BG_VERSION), idle.tags().toString());
        assertTrue(production.runningCount() > 0, production.toString());
        assertEquals(image, status().services().getFirst().blueImage().orElseThrow());
    }

    private EcsServiceInfo ecsService(Slot slot) {
        CloudGateway gateway = sdkGateway;
        return gateway.ecs().describeServices("shop", List.of(slot.ecsServiceName("web"))).services().getFirst();
    }

    private static SpecTree tree(Path specs) {
        LoadResult loaded = SpecLoader.load(specs);
        assertTrue(loaded.isValid(), () -> "specs invalid: " + loaded.problems());
        return loaded.tree().orElseThrow();
    }

    // ---- infrastructure and specs ----

    /** Cluster, load balancer, target groups and listeners in the account; returns subnets and security group for the specs. */
    private List<String> infrastructure() {
        Ec2Client ec2 = client(Ec2Client.builder().region(REGION).credentialsProvider(inAccount).endpointOverride(endpoint).build());
        EcsClient ecs = client(EcsClient.builder().region(REGION).credentialsProvider(inAccount).endpointOverride(endpoint).build());
        ecs.createCluster(r -> r.clusterName("shop"));
        // an ALB needs subnets in two zones: the account's default VPC (moto, like AWS, has one)
        List<Subnet> subnets = ec2.describeSubnets(r -> r.filters(f -> f.name("default-for-az").values("true"))).subnets().subList(0, 2);
        String vpc = subnets.getFirst().vpcId();
        // moto fails CreateService (HTTP 500) without securityGroups, which AWS would default: name the VPC's default group
        String group = ec2.describeSecurityGroups(r -> r.filters(f -> f.name("vpc-id").values(vpc),
                f -> f.name("group-name").values("default"))).securityGroups().getFirst().groupId();
        String lb = elb.createLoadBalancer(r -> r.name("shop-alb").subnets(subnets.stream().map(Subnet::subnetId).toList())
                .securityGroups(group)).loadBalancers().getFirst().loadBalancerArn();
        for (Slot slot : Slot.values()) {
            targetGroups.put(slot, elb.createTargetGroup(r -> r.name("web-" + slot.id()).port(8080).protocol(ProtocolEnum.HTTP)
                    .vpcId(vpc).targetType(TargetTypeEnum.IP)).targetGroups().getFirst().targetGroupArn());
        }
        // plain HTTP: the emulator needs no certificate, and the agent does not look at the protocol
        elb.createListener(r -> r.loadBalancerArn(lb).port(80).protocol(ProtocolEnum.HTTP)
                .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroups.get(Slot.A))));
        elb.createListener(r -> r.loadBalancerArn(lb).port(8080).protocol(ProtocolEnum.HTTP)
                .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroups.get(Slot.B))));
        return List.of(subnets.get(0).subnetId(), subnets.get(1).subnetId(), group);
    }

    private Path specs(List<String> network) throws Exception {
        Path specs = dir.resolve("specs");
        Files.createDirectories(specs.resolve("environments"));
        Files.createDirectories(specs.resolve("services/web"));
        Files.writeString(specs.resolve("environments/it.yaml"), """
                apiVersion: turnout/v1
                kind: Environment
                metadata: {name: it}
                spec:
                  aws:
                    region: eu-west-1
                    accountId: "%s"
                    roleArn: arn:aws:iam::%s:role/turnout-deployer
                  cluster: shop
                  sync: {policy: auto-apply}
                  deployment:
                    steadyStateTimeout: 2m
                    verification: {healthyTargets: true, bakeTime: 30s}
                    downsizeOldSlot: true
                    downsizeDelay: 1m
                    autoRollback: true
                """.formatted(account, account));
        Files.writeString(specs.resolve("services/web/service.yaml"), """
                apiVersion: turnout/v1
                kind: Service
                metadata: {name: web}
                spec:
                  environments: [it]
                  taskDefinition: {file: web.taskdef.json}
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
                        elb:
                          loadBalancer: shop-alb
                          prodListener: {port: 80}
                          stageListener: {port: 8080}
                          targetGroups: {a: web-a, b: web-b}
                          container: {name: web, port: 8080}
                      verification:
                        healthyTargets: true
                        bakeTime: 30s
                        httpChecks: [{path: /health, expectStatus: 200, expectBodyContains: ok, timeout: 5s}]
                """.formatted(network.get(0), network.get(1), network.get(2)));
        Files.writeString(specs.resolve(TASKDEF), """
                {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
                 "containerDefinitions": [{"name": "web", "image": "%s", "essential": true,
                   "portMappings": [{"containerPort": 8080, "protocol": "tcp"}],
                   "environment": [{"name": "LOG_LEVEL", "value": "info"}]}]}
                """.formatted(V1));
        return specs;
    }

    /** Credentials acting in this test's account: AssumeRole of the environment's role, as the gateway does. */
    private StaticCredentialsProvider roleCredentials() {
        try (StsClient sts = StsClient.builder().region(REGION).endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build()) {
            Credentials c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + account + ":role/turnout-deployer")
                    .roleSessionName("turnout-it-infrastructure")).credentials();
            return StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
        }
    }

    private <C extends AutoCloseable> C client(C client) {
        closing.add(client);
        return client;
    }
}
