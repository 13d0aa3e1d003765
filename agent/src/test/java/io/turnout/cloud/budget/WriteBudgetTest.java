package io.turnout.cloud.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.sim.ManualClock;
import io.turnout.cloud.sim.SimulatedCloud;
import io.turnout.cloud.sim.SimulatedCloudAccess;
import io.turnout.spec.AwsTarget;
import io.turnout.spec.DeploymentPolicy;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SourceLocation;
import io.turnout.spec.SyncPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mutating calls wait for their account's write budget — shared by every environment of the
 * account and Region — while reads go at once; the defaults cover every mutating call the
 * gateway makes, and a budget's least time for a number of calls is its burst then its rate.
 */
class WriteBudgetTest {
    static final String ACCOUNT = "222222222222";

    static EnvironmentSpec environment(String name, String account) {
        return new EnvironmentSpec(name, SourceLocation.of("environments/" + name + ".yaml"),
                new AwsTarget("eu-west-1", Optional.of(account), Optional.empty()), name, SyncPolicy.DEFAULT, DeploymentPolicy.DEFAULT);
    }

    @Test
    void environmentsOfOneAccountShareItsBudgetWhileReadsNeverWait() {
        ManualClock clock = new ManualClock();
        SimulatedCloud cloud = new SimulatedCloud(clock);
        cloud.region(ACCOUNT, "eu-west-1").addCluster("staging").addCluster("production");
        cloud.region("333333333333", "eu-west-1").addCluster("other");
        SimulatedCloudAccess access = new SimulatedCloudAccess(cloud, clock, clock, Optional.empty());
        CloudGateway staging = access.gatewayFor(environment("staging", ACCOUNT));
        CloudGateway production = access.gatewayFor(environment("production", ACCOUNT));
        CloudGateway other = access.gatewayFor(environment("other", "333333333333"));
        Instant start = clock.instant();

        for (int i = 0; i < 100; i++) staging.ecs().describeClusters(List.of("staging"));
        assertEquals(start, clock.instant(), "reads are not budgeted here");
        // 30 registrations from two environments of one account: 20 at once, then 1 per second
        for (int i = 0; i < 15; i++) {
            staging.ecs().registerTaskDefinition(taskDefinition("a" + i), Map.of());
            production.ecs().registerTaskDefinition(taskDefinition("b" + i), Map.of());
        }
        assertEquals(Duration.ofSeconds(10), Duration.between(start, clock.instant()));
        // another account has its own bucket
        Instant before = clock.instant();
        for (int i = 0; i < 20; i++) other.ecs().registerTaskDefinition(taskDefinition("c" + i), Map.of());
        assertEquals(before, clock.instant());
        assertEquals(30, staging.stats().count("ecs:RegisterTaskDefinition"), "every call is counted");
    }

    @Test
    void theThrottleSpacesCallsOfOneBucketAndLeavesOthersAlone() {
        AtomicLong now = new AtomicLong();
        WriteThrottle throttle = new WriteThrottle(List.of(new WriteBudget("test", Set.of("ecs:UpdateService"), 2, 1, "test")),
                now::get, d -> now.addAndGet(d.toNanos()));
        for (int i = 0; i < 5; i++) throttle.take("ecs:UpdateService");
        assertEquals(Duration.ofSeconds(2).toNanos(), now.get(), "one at once, then 4 at 2 per second");
        throttle.take("ecs:DescribeServices");
        assertEquals(Duration.ofSeconds(2).toNanos(), now.get());
    }

    @Test
    void theCallsThatStopAwsEnginesDeploymentsWaitForTheirBudgets() {
        ManualClock clock = new ManualClock();
        SimulatedCloud cloud = new SimulatedCloud(clock);
        cloud.region(ACCOUNT, "eu-west-1").addCluster("production");
        WriteThrottle throttle = new WriteThrottle(List.of(
                new WriteBudget("stops", Set.of("ecs:StopServiceDeployment", "codedeploy:StopDeployment"), 1, 1, "test")),
                () -> clock.instant().toEpochMilli() * 1_000_000L, clock.sleeper());
        CloudGateway gateway = new BudgetedGateway(cloud.gatewayFor(environment("production", ACCOUNT)), throttle);
        Instant start = clock.instant();
        // neither deployment exists: each call fails, but only after its token was taken
        assertThrows(RuntimeException.class, () -> gateway.ecs().stopServiceDeployment(
                "arn:aws:ecs:eu-west-1:" + ACCOUNT + ":service-deployment/production/web/none", "ROLLBACK"));
        assertThrows(RuntimeException.class, () -> gateway.codeDeploy().stopDeployment("d-NONE", true));
        assertEquals(Duration.ofSeconds(1), Duration.between(start, clock.instant()), "one bucket of one token at 1 per second");
        assertThrows(RuntimeException.class, () -> gateway.codeDeploy().getDeployment("d-NONE"));
        assertEquals(Duration.ofSeconds(1), Duration.between(start, clock.instant()), "reads of CodeDeploy go at once");
    }

    @Test
    void theDefaultsCoverEveryMutatingCallOnceWithTheirSource() {
        List<String> mutating = List.of("ecs:RegisterTaskDefinition", "ecs:CreateService", "ecs:UpdateService", "ecs:DeleteService",
                "ecs:StopServiceDeployment", "ecs:TagResource",
                "ecs:RunTask", "codedeploy:CreateDeployment", "codedeploy:StopDeployment", "elbv2:ModifyListener", "elbv2:ModifyRule", "elbv2:RegisterTargets", "elbv2:DeregisterTargets",
                "route53:ChangeResourceRecordSets", "application-autoscaling:RegisterScalableTarget",
                "application-autoscaling:DeregisterScalableTarget", "application-autoscaling:PutScalingPolicy",
                "application-autoscaling:DeleteScalingPolicy");
        for (String operation : mutating) assertTrue(WriteBudget.mutating(WriteBudget.AWS_DEFAULTS, operation), operation);
        assertFalse(WriteBudget.mutating(WriteBudget.AWS_DEFAULTS, "ecs:DescribeServices"));
        assertEquals(mutating.size(), WriteBudget.AWS_DEFAULTS.stream().mapToInt(b -> b.operations().size()).sum());
        assertTrue(WriteBudget.AWS_DEFAULTS.stream().allMatch(b -> b.source().startsWith("https://docs.aws.amazon.com/")));
        assertEquals(new WriteBudget("ECS task definition registration", Set.of("ecs:RegisterTaskDefinition"), 1, 20,
                WriteBudget.ECS_TASK_DEFINITIONS.source()), WriteBudget.ECS_TASK_DEFINITIONS);
        assertEquals(5, WriteBudget.ROUTE53.ratePerSecond());
        new WriteThrottle(WriteBudget.AWS_DEFAULTS, System::nanoTime, d -> { }); // no operation in two budgets
        assertThrows(IllegalArgumentException.class, () -> new WriteThrottle(
                List.of(WriteBudget.ROUTE53, WriteBudget.ROUTE53), System::nanoTime, d -> { }));
    }

    @Test
    void theLeastTimeForManyCallsIsTheBurstThenTheRate() {
        assertEquals(Duration.ZERO, WriteBudget.ECS_TASK_DEFINITIONS.minimumTime(20));
        assertEquals(Duration.ofSeconds(980), WriteBudget.ECS_TASK_DEFINITIONS.minimumTime(1000));
        assertEquals(Duration.ofSeconds(19), WriteBudget.ROUTE53.minimumTime(100));
    }

    static tools.jackson.databind.JsonNode taskDefinition(String family) {
        return JsonMapper.builder().build().readTree("""
                {"family": "%s", "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "memory": 128}]}""".formatted(family));
    }
}
