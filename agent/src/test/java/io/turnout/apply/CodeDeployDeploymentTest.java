package io.turnout.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.CodeDeployDeploymentInfo;
import io.turnout.plan.CreateCodeDeployDeployment;
import io.turnout.plan.Plan;
import io.turnout.plan.PlanKind;
import io.turnout.plan.ServicePlan;
import io.turnout.plan.StopEngineDeployment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strategy: codeDeploy} on the simulated cloud (specs-example's payments, canary 10% then
 * the rest after 5 minutes): a deployment, a failed verification and a failed AppSpec hook (both
 * rolled back), a revert while CodeDeploy keeps the original task set (stopped with auto rollback,
 * nothing registered) and after it (a new deployment of the previous revision, planned as a
 * rollback); a plan right after each is in sync.
 */
class CodeDeployDeploymentTest {
    private static final String SPEC = "services/payments/service.yaml";

    @TempDir
    Path tmp;

    private SimWorld deployed() {
        SimWorld world = new SimWorld(tmp, "production");
        ApplyResult first = world.apply("c1");
        assertTrue(first.succeeded(), () -> first + "\n" + String.join("\n", world.lines));
        EcsEngineDeploymentTest.assertInSync(world);
        return world;
    }

    private static ServicePlan payments(Plan plan) {
        return plan.services().stream().filter(s -> s.service().equals("payments")).findFirst().orElseThrow();
    }

    private static String runningImage(SimWorld world) {
        String td = world.gateway().ecs().describeServices("production", List.of("payments")).services().getFirst().taskDefinitionArn();
        return world.gateway().ecs().describeTaskDefinition(td).definition().at("/containerDefinitions/0/image").asString();
    }

    private static CodeDeployDeploymentInfo newest(SimWorld world) {
        String id = world.gateway().codeDeploy().listDeployments("shop", "payments", List.of()).getFirst();
        return world.gateway().codeDeploy().getDeployment(id);
    }

    @Test
    void aNewImageIsACodeDeployDeploymentWithAnAppSpecFollowedEventByEvent() {
        SimWorld world = deployed();
        world.replaceIn(SPEC, "httpd:2.4", "httpd:2.5");
        ServicePlan plan = payments(world.plan("c2"));
        assertEquals(PlanKind.BLUE_GREEN, plan.kind());
        assertTrue(plan.steps().get(1) instanceof CreateCodeDeployDeployment create
                && create.deploymentConfigName().orElseThrow().equals("CodeDeployDefault.ECSCanary10Percent5Minutes"), plan.steps().toString());
        ApplyResult result = world.apply("c2");
        assertTrue(result.succeeded(), () -> result + "\n" + String.join("\n", world.lines));
        assertTrue(world.lines.contains("payments: InProgress, AllowTraffic, production 10% on the replacement task set"),
                () -> "the canary: " + String.join("\n", world.lines));
        assertTrue(world.lines.stream().anyMatch(l -> l.startsWith("payments: Verifying payments through the test route https://payments-alb-")));
        assertEquals("public.ecr.aws/docker/library/httpd:2.5", runningImage(world));
        assertEquals("InProgress", newest(world).status(), "CodeDeploy keeps the original task set for its termination wait");
        EcsEngineDeploymentTest.assertInSync(world);
        world.clock.advance(Duration.ofMinutes(6));
        assertEquals("Succeeded", newest(world).status());
        EcsEngineDeploymentTest.assertInSync(world);
    }

    @Test
    void aFailedCheckThroughTheTestListenerStopsTheDeploymentWithAutoRollback() {
        SimWorld world = deployed();
        world.cloud.faults().failHttp("payments-green", 503);
        world.replaceIn(SPEC, "httpd:2.4", "httpd:2.5");
        ApplyResult result = world.apply("c2");
        assertEquals(ApplyResult.Status.ROLLED_BACK, result.status(), () -> result + "\n" + String.join("\n", world.lines));
        String all = String.join("\n", result.messages());
        assertTrue(all.contains("verification failed: GET https://payments-alb-"), all);
        assertTrue(all.contains("CodeDeploy rolled payments back (Stopped): production runs payments:1"), all);
        assertEquals("public.ecr.aws/docker/library/httpd:2.4", runningImage(world));
        world.replaceIn(SPEC, "httpd:2.5", "httpd:2.4");
        EcsEngineDeploymentTest.assertInSync(world);
    }

    @Test
    void aFailingHookFailsTheDeploymentAndCodeDeployRollsItBack() {
        SimWorld world = deployed();
        world.cloud.faults().failHook("payments-smoke-test");
        world.replaceIn(SPEC, "httpd:2.4", "httpd:2.5");
        ApplyResult result = world.apply("c2");
        assertEquals(ApplyResult.Status.ROLLED_BACK, result.status(), () -> result + "\n" + String.join("\n", world.lines));
        String all = String.join("\n", result.messages());
        assertTrue(all.contains("Failed: HOOK_EXECUTION_FAILURE: The deployment failed because the AfterAllowTestTraffic hook"
                + " payments-smoke-test reported a failure."), all);
        assertEquals("public.ecr.aws/docker/library/httpd:2.4", runningImage(world));
        world.replaceIn(SPEC, "httpd:2.5", "httpd:2.4");
        EcsEngineDeploymentTest.assertInSync(world);
    }

    @Test
    void aRevertWithinTheTerminationWaitStopsTheDeploymentWithAutoRollback() {
        SimWorld world = deployed();
        world.replaceIn(SPEC, "httpd:2.4", "httpd:2.5");
        assertTrue(world.apply("c2").succeeded(), () -> String.join("\n", world.lines));
        world.replaceIn(SPEC, "httpd:2.5", "httpd:2.4");
        ServicePlan revert = payments(world.plan("c3"));
        assertEquals(PlanKind.ROLLBACK, revert.kind());
        assertTrue(revert.steps().getFirst() instanceof StopEngineDeployment, revert.steps().toString());
        world.gateway().stats().reset();
        ApplyResult result = world.apply("c3");
        assertTrue(result.succeeded(), () -> result + "\n" + String.join("\n", world.lines));
        assertEquals(0, world.gateway().stats().count("ecs:RegisterTaskDefinition"));
        assertEquals("Stopped", newest(world).status());
        assertEquals("public.ecr.aws/docker/library/httpd:2.4", runningImage(world));
        EcsEngineDeploymentTest.assertInSync(world);
    }

    @Test
    void aRevertAfterTheTerminationWaitIsANewDeploymentOfThePreviousRevision() {
        SimWorld world = deployed();
        world.replaceIn(SPEC, "httpd:2.4", "httpd:2.5");
        assertTrue(world.apply("c2").succeeded(), () -> String.join("\n", world.lines));
        world.clock.advance(Duration.ofMinutes(6));
        world.replaceIn(SPEC, "httpd:2.5", "httpd:2.4");
        ServicePlan revert = payments(world.plan("c3"));
        assertEquals(PlanKind.ROLLBACK, revert.kind(), revert::toString);
        assertTrue(revert.steps().getFirst() instanceof CreateCodeDeployDeployment create
                && create.taskDefinition().arn().orElseThrow().endsWith("task-definition/payments:1"), revert.steps().toString());
        world.gateway().stats().reset();
        ApplyResult result = world.apply("c3");
        assertTrue(result.succeeded(), () -> result + "\n" + String.join("\n", world.lines));
        assertEquals(0, world.gateway().stats().count("ecs:RegisterTaskDefinition"));
        assertEquals("public.ecr.aws/docker/library/httpd:2.4", runningImage(world));
        EcsEngineDeploymentTest.assertInSync(world);
    }
}
