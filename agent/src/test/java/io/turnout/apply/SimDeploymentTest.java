package io.turnout.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.plan.Plan;
import io.turnout.plan.PlanKind;
import io.turnout.render.TextPlanRenderer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * specs-example on its simulated world: first deployment (bootstrap), a new image (the swap),
 * then the old image again (the fast rollback to the idle slot) — ELB listener (web), ELB rule
 * (api), DNS (catalog) and rolling (mailer) together; after each, plan is in sync.
 */
class SimDeploymentTest {
    @TempDir
    Path tmp;

    @Test
    void bootstrapSwapAndFastRollbackLeaveEveryServiceInSync() {
        SimWorld world = new SimWorld(tmp, "production");
        ApplyResult first = world.apply("c1");
        assertTrue(first.succeeded(), () -> first + "\n" + String.join("\n", world.lines));
        assertInSync(world);
        // the world's prod listener already forwarded to web-a: the first slot is b, verified through stage
        assertEquals("b", world.live().service("web").orElseThrow().blue().orElseThrow().id());

        world.replaceIn("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28");
        world.replaceIn("services/api/api.taskdef.yaml", "python:3.13-slim", "python:3.14-slim");
        world.replaceIn("services/catalog/catalog.taskdef.json", "httpd:2.4", "httpd:2.5");
        world.replaceIn("services/mailer/service.yaml", "busybox:1.37", "busybox:1.36");
        Plan v2 = world.plan("c2");
        assertEquals(PlanKind.ROLLING, kind(v2, "mailer"));
        assertEquals(PlanKind.BLUE_GREEN, kind(v2, "web"));
        assertEquals(PlanKind.BLUE_GREEN, kind(v2, "api"));
        assertEquals(PlanKind.BLUE_GREEN, kind(v2, "catalog"));
        ApplyResult second = world.apply("c2");
        assertTrue(second.succeeded(), () -> second + "\n" + String.join("\n", world.lines));
        assertInSync(world);
        assertEquals("a", world.live().service("web").orElseThrow().blue().orElseThrow().id());

        world.replaceIn("services/web/web.taskdef.json", "nginx:1.28", "nginx:1.27");
        world.replaceIn("services/api/api.taskdef.yaml", "python:3.14-slim", "python:3.13-slim");
        world.replaceIn("services/catalog/catalog.taskdef.json", "httpd:2.5", "httpd:2.4");
        Plan v1 = world.plan("c3");
        assertEquals(PlanKind.ROLLBACK, kind(v1, "web"));
        assertEquals(PlanKind.ROLLBACK, kind(v1, "api"));
        assertEquals(PlanKind.ROLLBACK, kind(v1, "catalog"));
        world.gateway().stats().reset();
        ApplyResult third = world.apply("c3");
        assertTrue(third.succeeded(), () -> third + "\n" + String.join("\n", world.lines));
        assertEquals(0, world.gateway().stats().count("ecs:RegisterTaskDefinition"), "a rollback registers nothing");
        assertInSync(world);
        assertEquals("b", world.live().service("web").orElseThrow().blue().orElseThrow().id());
        Invariants.check(world);
    }

    static PlanKind kind(Plan plan, String service) {
        return plan.services().stream().filter(s -> s.service().equals(service)).findFirst().orElseThrow().kind();
    }

    /** In sync, and provably so from the tags alone: the read describes no task definition. */
    static void assertInSync(SimWorld world) {
        world.gateway().stats().reset();
        Plan plan = world.plan("check");
        assertTrue(plan.inSync(), () -> new TextPlanRenderer(false).render(plan) + "\n" + String.join("\n", world.lines));
        assertEquals(0, world.gateway().stats().count("ecs:DescribeTaskDefinition"),
                () -> "tags written by the deployment vouch for every service: " + world.gateway().stats().snapshot());
    }
}
