package io.turnout.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.CallStats;
import io.turnout.cloud.Tags;
import io.turnout.live.LiveState;
import io.turnout.plan.Plan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pre-flight, retries, verification failures and ECS's own rollback, on the simulated cloud. */
class ExecutorBehaviourTest {
    static final List<String> MUTATING = List.of("ecs:RegisterTaskDefinition", "ecs:CreateService", "ecs:UpdateService",
            "ecs:TagResource", "ecs:RunTask", "elbv2:ModifyListener", "elbv2:ModifyRule",
            "route53:ChangeResourceRecordSets", "application-autoscaling:RegisterScalableTarget",
            "application-autoscaling:PutScalingPolicy", "application-autoscaling:DeregisterScalableTarget");

    @TempDir
    Path tmp;

    SimWorld deployed() {
        SimWorld world = new SimWorld(tmp, "production");
        assertTrue(world.apply("c1").succeeded());
        world.lines.clear();
        return world;
    }

    static long mutations(CallStats stats) {
        return MUTATING.stream().mapToLong(stats::count).sum();
    }

    @Test
    void aStalePlanIsRefusedBeforeAnyMutatingCall() {
        SimWorld world = deployed();
        world.replaceIn("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28");
        Plan plan = world.plan("c2");
        // production (on slot b since the first deployment) moved to slot a by hand after the plan was made:
        // the plan would deploy onto production
        world.replaceIn("services/web/web.taskdef.json", "nginx:1.28", "nginx:1.27");
        LiveState before = world.live();
        var elb = (io.turnout.live.LiveElb) before.service("web").orElseThrow().traffic().orElseThrow();
        world.gateway().elb().modifyListener(elb.prodListener().arn(), elb.targetGroups().a().arn());
        world.gateway().stats().reset();

        ApplyResult result = world.executor(Progress.silent()).build().apply(plan, world.live());

        assertEquals(ApplyResult.Status.REFUSED, result.status());
        assertTrue(String.join("\n", result.messages()).contains("web--a but production points at it now"), result.messages().toString());
        assertEquals(0, mutations(world.gateway().stats()), world.gateway().stats().snapshot().toString());
    }

    @Test
    void missingInfrastructureIsNamedAndNothingIsMutated() {
        SimWorld world = deployed();
        world.replaceIn("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28");
        Plan plan = world.plan("c2");
        world.replaceIn("services/web/service.yaml", "b: web-b", "b: web-c");
        LiveState live = world.live(); // read with the spec that names a target group that does not exist
        world.gateway().stats().reset();

        ApplyResult result = world.executor(Progress.silent()).build().apply(plan, live);

        assertEquals(ApplyResult.Status.REFUSED, result.status());
        assertTrue(result.messages().toString().contains("target group web-c not found"), result.messages().toString());
        assertEquals(0, mutations(world.gateway().stats()));
    }

    @Test
    void tagsThatContradictTheListenersAreRepairedWithAProgressLine() {
        SimWorld world = deployed();
        String arnB = world.live().service("web").orElseThrow().b().orElseThrow().service().arn();
        world.gateway().ecs().tagResource(arnB, Map.of(Tags.BG_VERSION, Tags.GREEN));
        world.replaceIn("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28");

        ApplyResult result = world.executor(Progress.silent()).build().apply(world.plan("c2"), world.live());

        assertTrue(result.succeeded(), result.toString());
        assertTrue(world.lines.stream().anyMatch(l -> l.startsWith("Repairing tags: web--b is tagged BG_VERSION=GREEN but"
                + " production points at it")), String.join("\n", world.lines));
        Invariants.check(world);
    }

    @Test
    void throttlingIsRetriedAndSaysWhatHappensNext() {
        SimWorld world = deployed();
        world.replaceIn("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28");
        Plan plan = world.plan("c2");
        world.cloud.faults().throttle("ecs:UpdateService", 2);

        ApplyResult result = world.executor(Progress.silent()).build().apply(plan, world.live());

        assertTrue(result.succeeded(), result.toString());
        assertTrue(world.lines.stream().anyMatch(l -> l.matches(
                        "web: throttled by ecs:UpdateService, retrying in \\d+s \\(retry 1; throttling is waited out for up to 15m\\)")),
                String.join("\n", world.lines));
        assertTrue(world.lines.stream().anyMatch(l -> l.contains("(retry 2;")));
    }

    @Test
    void throttlingLongerThanAnyAttemptBudgetStillDoesNotFailTheDeployment() {
        SimWorld world = deployed();
        world.replaceIn("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28");
        Plan plan = world.plan("c2");
        world.cloud.faults().throttle("ecs:UpdateService", 20);

        ApplyResult result = world.executor(Progress.silent()).build().apply(plan, world.live());

        assertTrue(result.succeeded(), result + "\n" + String.join("\n", world.lines));
        assertTrue(world.lines.stream().anyMatch(l -> l.contains("(retry 20;")), String.join("\n", world.lines));
    }

    @Test
    void serverErrorsStillGiveUpAfterTheirAttempts() {
        SimWorld world = deployed();
        world.replaceIn("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28");
        Plan plan = world.plan("c2");
        world.cloud.faults().serverError("ecs:RegisterTaskDefinition", 8);

        ApplyResult result = world.executor(Progress.silent()).build().apply(plan, world.live());

        assertEquals(ApplyResult.Status.ROLLED_BACK, result.status(), result.toString());
        assertTrue(world.lines.stream().anyMatch(l -> l.matches("web: ecs:RegisterTaskDefinition failed with 503 ServerException,"
                + " retrying in \\d+s \\(attempt 8/8\\)")), String.join("\n", world.lines));
    }

    @Test
    void backoffDoublesUpToTheCapWithJitter() {
        CloudRetry retry = new CloudRetry(8, Duration.ofSeconds(1), Duration.ofSeconds(30), d -> {},
                RandomGenerator.of("L64X128MixRandom"), Progress.silent());
        for (int attempt = 1; attempt <= 8; attempt++) {
            long ceiling = Math.min(30_000, 1000L << (attempt - 1));
            long ms = retry.delay(attempt).toMillis();
            assertTrue(ms >= ceiling / 2 && ms <= ceiling, "attempt " + attempt + ": " + ms + "ms");
        }
    }

    @Test
    void aFailingHttpCheckRollsGreenBackAndLeavesProductionAlone() {
        SimWorld world = deployed();
        world.replaceIn("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28");
        world.http.failPath("/health", 500, "boom");
        var before = world.live().service("web").orElseThrow();

        ApplyResult result = world.executor(Progress.silent()).build().apply(world.plan("c2"), world.live());

        assertEquals(ApplyResult.Status.ROLLED_BACK, result.status());
        assertTrue(result.messages().toString().contains("answered 500, expected 200"), result.messages().toString());
        assertTrue(result.messages().toString().contains("production was not touched"), result.messages().toString());
        var after = world.live().service("web").orElseThrow();
        assertEquals(before.blue(), after.blue());
        // the first deployment put production on slot b: GREEN is slot a
        assertEquals(0, after.a().orElseThrow().service().desiredCount(), "GREEN back to its previous count");
        assertEquals(before.a().orElseThrow().service().taskDefinitionArn(), after.a().orElseThrow().service().taskDefinitionArn());
        world.http.restorePath("/health");
        Invariants.check(world);
    }

    /**
     * A first deployment whose prod listener already forwards to slot a's target group (as the
     * example world's, and any load balancer created with a default forward, do): production
     * "points at" slot a before web--a exists, so the new slot is web--b, on the group production
     * does not reach. When its verification fails, web--b goes back to 0 tasks and production
     * was never near it.
     */
    @Test
    void aFailedFirstDeploymentScalesTheNewSlotToZeroEvenWhereProdAlreadyForwards() {
        SimWorld world = new SimWorld(tmp, "production");
        world.http.failPath("/health", 500, "boom");
        assertEquals(java.util.Optional.of(io.turnout.spec.Slot.A), world.live().service("web").orElseThrow().blue());

        ApplyResult result = world.executor(Progress.silent()).build().apply(world.plan("c1"), world.live());

        assertEquals(ApplyResult.Status.ROLLED_BACK, result.status(), result.messages().toString());
        assertTrue(result.messages().toString().contains("web--b scaled to 0"), result.messages().toString());
        var web = world.live().service("web").orElseThrow();
        assertEquals(0, web.a().orElseThrow().service().desiredCount(), "the unverified slot serves nothing");
        assertEquals(0, web.b().orElseThrow().service().desiredCount());
    }

    @Test
    void aVerificationTaskThatExitsNonZeroFailsVerification() {
        SimWorld world = deployed();
        world.replaceIn("services/api/api.taskdef.yaml", "python:3.13-slim", "python:3.14-slim");
        world.cloud.faults().failOneOffTasks("api", 3);
        world.gateway().stats().reset();

        ApplyResult result = world.executor(Progress.silent()).build().apply(world.plan("c2"), world.live());

        assertEquals(ApplyResult.Status.ROLLED_BACK, result.status());
        assertTrue(result.messages().toString().contains("exited with code 3"), result.messages().toString());
        assertEquals(1, world.gateway().stats().count("ecs:RunTask"));
        Invariants.check(world);
    }

    @Test
    void aRollingUpdateReportsEcsRollingBackWhenTheCircuitBreakerTrips() {
        SimWorld world = deployed();
        world.replaceIn("services/mailer/service.yaml", "busybox:1.37", "busybox:1.38");
        world.cloud.faults().failTaskStarts("mailer");

        ApplyResult result = world.executor(Progress.silent()).build().apply(world.plan("c2"), world.live());

        assertTrue(!result.succeeded(), result.toString());
        assertTrue(result.messages().toString().contains("ECS rolled mailer back to mailer:1")
                || result.messages().toString().contains("circuit breaker"), result.messages().toString());
    }

    @Test
    void updateServiceSendsOnlyUpdatableSettings() {
        var settings = io.turnout.testing.Yaml.node("{launchType: FARGATE, schedulingStrategy: REPLICA, tags: [{key: a, value: b}],"
                + " platformVersion: LATEST, networkConfiguration: {awsvpcConfiguration: {subnets: [s-1]}}, desiredCount: 3}");
        var updatable = UpdatableSettings.of(settings);
        assertEquals(List.of("networkConfiguration", "platformVersion"),
                iterable(updatable.propertyNames()).stream().sorted().toList());
    }

    static List<String> iterable(java.util.Collection<String> names) {
        return List.copyOf(names);
    }
}
