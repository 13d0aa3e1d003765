package io.turnout.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.ServiceDeploymentInfo;
import io.turnout.plan.AwaitEngineDeployment;
import io.turnout.plan.FollowEcsDeployment;
import io.turnout.plan.Plan;
import io.turnout.plan.PlanKind;
import io.turnout.plan.ServicePlan;
import io.turnout.plan.StartEcsDeployment;
import io.turnout.plan.StopEngineDeployment;
import io.turnout.render.TextPlanRenderer;
import io.turnout.status.ServiceOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code strategy: ecs} on the simulated cloud (specs-example's checkout), for each of ECS's
 * traffic-shifting strategies: a deployment, a failed verification, a failed hook, an alarm, a
 * stalled stage (each rolled back, with what ECS rolled back to), a revert within the bake time
 * (stopped with ROLLBACK, nothing registered) and after it (a new deployment of the previous
 * revision, planned as a rollback); a plan right after each is in sync.
 */
class EcsEngineDeploymentTest {
    private static final String TASKDEF = "services/checkout/checkout.taskdef.json";

    @TempDir
    Path tmp;

    private SimWorld deployed(String strategy) {
        SimWorld world = new SimWorld(tmp, "production");
        if (strategy.equals("LINEAR")) {
            world.replaceIn("services/checkout/service.yaml", "strategy: BLUE_GREEN ",
                    "strategy: LINEAR\n      linearConfiguration: {stepPercent: 50.0, stepBakeTimeInMinutes: 1}\n     ");
        } else if (strategy.equals("CANARY")) {
            world.replaceIn("services/checkout/service.yaml", "strategy: BLUE_GREEN ",
                    "strategy: CANARY\n      canaryConfiguration: {canaryPercent: 10.0, canaryBakeTimeInMinutes: 2}\n     ");
        }
        ApplyResult first = world.apply("c1");
        assertTrue(first.succeeded(), () -> first + "\n" + String.join("\n", world.lines));
        assertInSync(world);
        return world;
    }

    private static ServicePlan checkout(Plan plan) {
        return plan.services().stream().filter(s -> s.service().equals("checkout")).findFirst().orElseThrow();
    }

    static void assertInSync(SimWorld world) {
        Plan plan = world.plan("check");
        assertTrue(plan.inSync(), () -> new TextPlanRenderer(false).render(plan) + "\n" + String.join("\n", world.lines));
    }

    private static String runningImage(SimWorld world) {
        String td = world.gateway().ecs().describeServices("production", List.of("checkout")).services().getFirst().taskDefinitionArn();
        return world.gateway().ecs().describeTaskDefinition(td).definition().at("/containerDefinitions/0/image").asString();
    }

    private static List<ServiceDeploymentInfo> deployments(SimWorld world) {
        List<String> arns = world.gateway().ecs().listServiceDeployments("production", "checkout", List.of());
        return world.gateway().ecs().describeServiceDeployments(arns.subList(0, Math.min(20, arns.size())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"BLUE_GREEN", "LINEAR", "CANARY"})
    void aNewImageIsDeployedStageByStageAndThePlanIsInSyncDuringTheBake(String strategy) {
        SimWorld world = deployed(strategy);
        world.replaceIn(TASKDEF, "nginx:1.27", "nginx:1.28");
        Plan plan = world.plan("c2");
        assertEquals(PlanKind.BLUE_GREEN, checkout(plan).kind());
        assertEquals("ecs " + strategy, checkout(plan).trafficMode());
        ApplyResult result = world.apply("c2");
        assertTrue(result.succeeded(), () -> result + "\n" + String.join("\n", world.lines));
        assertTrue(world.lines.stream().anyMatch(l -> l.startsWith("checkout: TEST_TRAFFIC_SHIFT, production 100% on checkout:1,"
                + " test 100% on checkout:2")), () -> String.join("\n", world.lines));
        if (!strategy.equals("BLUE_GREEN")) {
            assertTrue(world.lines.stream().anyMatch(l -> l.startsWith("checkout: PRODUCTION_TRAFFIC_SHIFT, production ")
                    && l.contains("% on checkout:1, ")), () -> "a partial shift: " + String.join("\n", world.lines));
        }
        assertTrue(world.lines.stream().anyMatch(l -> l.startsWith("checkout: Verifying checkout through the test route https://shop-alb-")));
        assertEquals("public.ecr.aws/nginx/nginx:1.28", runningImage(world));
        assertEquals("BAKE_TIME", deployments(world).getFirst().lifecycleStage(), "apply returns during ECS's bake time");
        assertInSync(world);
        world.clock.advance(Duration.ofMinutes(11));
        assertEquals("SUCCESSFUL", deployments(world).getFirst().status());
        assertInSync(world);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BLUE_GREEN", "LINEAR", "CANARY"})
    void aFailedHttpCheckThroughTheTestRuleStopsTheDeploymentWithRollback(String strategy) {
        SimWorld world = deployed(strategy);
        world.cloud.faults().failHttp("checkout-green", 500);
        world.replaceIn(TASKDEF, "nginx:1.27", "nginx:1.28");
        ApplyResult result = world.apply("c2");
        assertEquals(ApplyResult.Status.ROLLED_BACK, result.status(), () -> result + "\n" + String.join("\n", world.lines));
        String all = String.join("\n", result.messages());
        assertTrue(all.contains("verification failed: GET https://shop-alb-"), all);
        assertTrue(all.contains("answered 500"), all);
        assertTrue(all.contains("ECS rolled checkout back to checkout:1 (StopServiceDeployment ROLLBACK)"), all);
        assertEquals("ROLLBACK_SUCCESSFUL", deployments(world).getFirst().status());
        assertEquals("public.ecr.aws/nginx/nginx:1.27", runningImage(world));
        world.replaceIn(TASKDEF, "nginx:1.28", "nginx:1.27");
        assertInSync(world);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BLUE_GREEN", "LINEAR", "CANARY"})
    void aFailingLifecycleHookMakesEcsRollBackAndTheOutcomeSaysToWhat(String strategy) {
        SimWorld world = deployed(strategy);
        world.cloud.faults().failHook("checkout-smoke-test");
        world.replaceIn(TASKDEF, "nginx:1.27", "nginx:1.28");
        ApplyResult result = world.apply("c2");
        assertEquals(ApplyResult.Status.ROLLED_BACK, result.status(), () -> result + "\n" + String.join("\n", world.lines));
        String all = String.join("\n", result.messages());
        assertTrue(all.contains("ECS stopped the deployment of checkout: Lifecycle hook arn:aws:lambda:eu-west-1:222222222222:"
                + "function:checkout-smoke-test returned FAILED at lifecycle stage POST_TEST_TRAFFIC_SHIFT"), all);
        assertTrue(all.contains("ECS rolled checkout back to checkout:1"), all);
        assertEquals("public.ecr.aws/nginx/nginx:1.27", runningImage(world));
        world.replaceIn(TASKDEF, "nginx:1.28", "nginx:1.27");
        assertInSync(world);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BLUE_GREEN", "LINEAR", "CANARY"})
    void aRevertWithinTheBakeTimeStopsTheDeploymentWithRollbackAtOnce(String strategy) {
        SimWorld world = deployed(strategy);
        world.replaceIn(TASKDEF, "nginx:1.27", "nginx:1.28");
        assertTrue(world.apply("c2").succeeded(), () -> String.join("\n", world.lines));
        world.replaceIn(TASKDEF, "nginx:1.28", "nginx:1.27");
        Plan revert = world.plan("c3");
        ServicePlan sp = checkout(revert);
        assertEquals(PlanKind.ROLLBACK, sp.kind());
        assertEquals(1, sp.steps().size(), sp.steps().toString());
        assertTrue(sp.steps().getFirst() instanceof StopEngineDeployment, sp.steps().toString());
        assertTrue(sp.steps().getFirst().describe().contains("with ROLLBACK (checkout:1 still runs"), sp.steps().getFirst().describe());
        world.gateway().stats().reset();
        var started = world.clock.instant();
        ApplyResult result = world.apply("c3");
        assertTrue(result.succeeded(), () -> result + "\n" + String.join("\n", world.lines));
        assertEquals(0, world.gateway().stats().count("ecs:RegisterTaskDefinition"), "a rollback registers nothing");
        assertTrue(Duration.between(started, world.clock.instant()).compareTo(Duration.ofMinutes(1)) < 0, "instant");
        assertEquals("public.ecr.aws/nginx/nginx:1.27", runningImage(world));
        assertEquals("ROLLBACK_SUCCESSFUL", deployments(world).getFirst().status());
        assertInSync(world);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BLUE_GREEN", "LINEAR", "CANARY"})
    void aRevertAfterTheBakeTimeIsANewDeploymentOfThePreviousRevisionNamedARollback(String strategy) {
        SimWorld world = deployed(strategy);
        world.replaceIn(TASKDEF, "nginx:1.27", "nginx:1.28");
        assertTrue(world.apply("c2").succeeded(), () -> String.join("\n", world.lines));
        world.clock.advance(Duration.ofMinutes(11));
        world.replaceIn(TASKDEF, "nginx:1.28", "nginx:1.27");
        ServicePlan sp = checkout(world.plan("c3"));
        assertEquals(PlanKind.ROLLBACK, sp.kind(), () -> sp.toString());
        assertTrue(sp.steps().getFirst() instanceof StartEcsDeployment start
                && start.taskDefinition().arn().orElseThrow().endsWith("task-definition/checkout:1"), sp.steps().toString());
        assertTrue(sp.notes().getFirst().contains("a revert to checkout:1"), sp.notes().toString());
        world.gateway().stats().reset();
        ApplyResult result = world.apply("c3");
        assertTrue(result.succeeded(), () -> result + "\n" + String.join("\n", world.lines));
        assertEquals(0, world.gateway().stats().count("ecs:RegisterTaskDefinition"), "the previous revision is deployed again");
        assertEquals("public.ecr.aws/nginx/nginx:1.27", runningImage(world));
        assertInSync(world);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BLUE_GREEN", "CANARY"})
    void aStageThatDoesNotMoveIsStoppedWithRollback(String strategy) {
        SimWorld world = deployed(strategy);
        world.cloud.faults().stallStage("checkout", "POST_SCALE_UP");
        world.replaceIn(TASKDEF, "nginx:1.27", "nginx:1.28");
        ApplyResult result = world.apply("c2");
        assertEquals(ApplyResult.Status.ROLLED_BACK, result.status(), () -> result + "\n" + String.join("\n", world.lines));
        String all = String.join("\n", result.messages());
        assertTrue(all.contains("lifecycle stage POST_SCALE_UP did not move for 15m"), all);
        assertTrue(all.contains("ECS rolled checkout back to checkout:1"), all);
        assertEquals("public.ecr.aws/nginx/nginx:1.27", runningImage(world));
    }

    @ParameterizedTest
    @ValueSource(strings = {"BLUE_GREEN"})
    void aFiringAlarmRollsTheDeploymentBack(String strategy) {
        SimWorld world = deployed(strategy);
        world.replaceIn("services/checkout/service.yaml", "      bakeTimeInMinutes: 10 ",
                "      bakeTimeInMinutes: 10\n      alarms: {alarmNames: [checkout-5xx], enable: true, rollback: true}\n     ");
        world.cloud.region("222222222222", "eu-west-1").addAlarm("checkout-5xx", "ALARM");
        world.replaceIn(TASKDEF, "nginx:1.27", "nginx:1.28");
        ApplyResult result = world.apply("c2");
        assertEquals(ApplyResult.Status.ROLLED_BACK, result.status(), () -> result + "\n" + String.join("\n", world.lines));
        String all = String.join("\n", result.messages());
        assertTrue(all.contains("CloudWatch alarm checkout-5xx is in ALARM state"), all);
        assertEquals("public.ecr.aws/nginx/nginx:1.27", runningImage(world));
    }

    @ParameterizedTest
    @ValueSource(strings = {"BLUE_GREEN"})
    void aPlanMidDeploymentShowsTheDeploymentInProgressNotADiff(String strategy) {
        SimWorld world = deployed(strategy);
        world.replaceIn(TASKDEF, "nginx:1.27", "nginx:1.28");
        // start the deployment, then look before it is followed: the Follow step never runs
        Plan plan = world.plan("c2");
        List<io.turnout.plan.Step> steps = checkout(plan).steps().stream().filter(s -> !(s instanceof FollowEcsDeployment)).toList();
        Plan partial = new Plan(plan.environment(), plan.commit(), List.of(new ServicePlan("checkout", checkout(plan).kind(),
                checkout(plan).trafficMode(), checkout(plan).changes(), steps, Optional.empty(), Optional.empty(), List.of())),
                List.of());
        assertTrue(world.executor(Progress.silent()).build().apply(partial, world.live()).succeeded());
        world.clock.advance(Duration.ofSeconds(30));

        ServicePlan mid = checkout(world.plan("c2"));
        assertEquals(PlanKind.IN_PROGRESS, mid.kind());
        assertEquals(List.of(), mid.changes(), "not a diff");
        assertEquals(List.of(), mid.steps());
        assertTrue(mid.notes().getFirst().startsWith("ECS deployment ") && mid.notes().getFirst().contains("under way: SCALE_UP, production 100% on checkout:1"),
                mid.notes().toString());
        String text = new TextPlanRenderer(false).render(world.plan("c2"));
        assertTrue(text.contains("checkout: deployment in progress (ecs BLUE_GREEN)"), text);
        assertTrue(text.contains("1 with a deployment in progress"), text);

        // another change meanwhile waits for the deployment under way, then deploys
        world.replaceIn(TASKDEF, "nginx:1.28", "nginx:1.29");
        ServicePlan next = checkout(world.plan("c3"));
        assertTrue(next.steps().getFirst() instanceof AwaitEngineDeployment, next.steps().toString());
        ApplyResult result = world.apply("c3");
        assertTrue(result.succeeded(), () -> result + "\n" + String.join("\n", world.lines));
        assertEquals("public.ecr.aws/nginx/nginx:1.29", runningImage(world));
        assertFalse(world.plan("c4").services().stream().anyMatch(s -> s.kind() == PlanKind.IN_PROGRESS));
    }

    @Test
    void aServiceOfAwsEnginesIsATrackOfItsOwnRolledBackAloneWhileTheOthersDeploy() {
        SimWorld world = deployed("BLUE_GREEN");
        world.cloud.faults().failHook("checkout-smoke-test");
        world.replaceIn(TASKDEF, "nginx:1.27", "nginx:1.28");
        world.replaceIn("services/payments/service.yaml", "httpd:2.4", "httpd:2.5");
        world.replaceIn("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28");
        ApplyResult result = world.apply("c2");
        assertEquals(ApplyResult.Status.ROLLED_BACK, result.status(), () -> result + "\n" + String.join("\n", world.lines));
        assertEquals(List.of("checkout"), result.services(ServiceOutcome.Result.ROLLED_BACK), result::toString);
        assertEquals(List.of("payments", "web"), result.services(ServiceOutcome.Result.APPLIED), result::toString);
        ServiceOutcome checkout = result.services().stream().filter(o -> o.service().equals("checkout")).findFirst().orElseThrow();
        assertTrue(checkout.detail().contains("ECS rolled checkout back to checkout:1"), checkout::toString);
        assertEquals("public.ecr.aws/nginx/nginx:1.27", runningImage(world));
        // each track's lines carry its own service's name, the engines' stages too
        assertTrue(world.lines.stream().anyMatch(l -> l.startsWith("payments: InProgress, ")), () -> String.join("\n", world.lines));
        assertTrue(world.lines.stream().noneMatch(l -> l.startsWith("checkout: checkout: ")), () -> String.join("\n", world.lines));
        world.replaceIn(TASKDEF, "nginx:1.28", "nginx:1.27");
        assertInSync(world);
    }
}
