package io.turnout.apply;

import static io.turnout.apply.AdoptionWorld.world;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.Tags;
import io.turnout.cloud.UpdateServiceRequest;
import io.turnout.live.LiveElb;
import io.turnout.plan.CreateSlot;
import io.turnout.plan.Downsize;
import io.turnout.plan.Plan;
import io.turnout.plan.PlanKind;
import io.turnout.plan.ServicePlan;
import io.turnout.plan.UpdateSlot;
import io.turnout.render.TextPlanRenderer;
import io.turnout.spec.Slot;
import io.turnout.state.StateJson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Existing ECS services adopted as blue/green slots, on the simulated cloud: BLUE and GREEN told
 * from where production points (Harness's scenarios 1 and 2), the adopted services tagged, the
 * first deployment to the idle one, nothing deleted or recreated; and the first deployment
 * behind a target group production already forwards to. {@link ProductionGuard} checks after
 * every step that no unverified task is behind production (invariant 1).
 */
class AdoptionTest {
    private static final String ADOPT_BOTH = """
            blueGreen:
              slots: {a: web-prod, b: web-idle}
              traffic:
                elb:
                  loadBalancer: shop-alb
                  prodListener: {port: 443}
                  stageListener: {port: 8443}
                  targetGroups: {a: web-blue-tg, b: web-green-tg}
                  container: {name: web, port: 8080}
            """;

    @TempDir
    Path tmp;

    /** Scenario 1: prod and stage forward to different groups; the service on prod's is BLUE. */
    @Test
    void scenarioOneTheServiceOnProductionsGroupIsBlueAndTheIdleOneGetsTheDeployment() {
        SimWorld world = new SimWorld(AdoptionWorld.specs(tmp.resolve("specs"), ADOPT_BOTH), world("web-blue-tg",
                "web-green-tg", AdoptionWorld.service("web-prod", 2, "web-blue-tg") + AdoptionWorld.service("web-idle", 0, "web-green-tg")), "production");
        Map<String, String> arns = arns(world);
        assertTrue(world.plan("c0").inSync(), () -> render(world.plan("c0")));
        assertEquals("a", world.live().service("web").orElseThrow().blue().orElseThrow().id());

        world.replaceIn("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28");
        Plan plan = world.plan("c1");
        ServicePlan web = plan.services().getFirst();
        assertEquals(PlanKind.BLUE_GREEN, web.kind(), render(plan));
        assertEquals("web-idle", web.steps().stream().filter(s -> s instanceof UpdateSlot).map(s -> ((UpdateSlot) s)
                .ecsServiceName()).findFirst().orElseThrow());
        applyGuarded(world, plan);

        assertProductionOn(world, "web-idle", "web-green-tg");
        assertEquals(arns, arns(world), "both adopted services are the same ECS services: nothing deleted or recreated");
        Map<String, String> prodTags = tags(world, "web-prod");
        assertEquals("web", prodTags.get(Tags.SERVICE));
        assertEquals("production", prodTags.get(Tags.ENVIRONMENT));
        assertEquals("a", prodTags.get(Tags.SLOT));
        assertEquals(Tags.GREEN, prodTags.get(Tags.BG_VERSION));
        assertEquals(Tags.BLUE, tags(world, "web-idle").get(Tags.BG_VERSION));
        assertTrue(world.plan("c2").inSync());
        assertTrue(world.lines.stream().anyMatch(l -> l.contains("adopting ECS service web-prod as slot a of web")),
                String.join("\n", world.lines));
    }

    /**
     * Scenario 2: both services registered in the group production forwards to (stage forwarding
     * there too); the one with running tasks is BLUE. The idle one must not start tasks in
     * production's group: its deployment moves it to its own group first.
     */
    @Test
    void scenarioTwoTheServiceWithRunningTasksIsBlueAndTheIdleOneMovesToItsOwnGroup() {
        SimWorld world = new SimWorld(AdoptionWorld.specs(tmp.resolve("specs"), ADOPT_BOTH), world("web-blue-tg",
                "web-blue-tg", AdoptionWorld.service("web-prod", 2, "web-blue-tg") + AdoptionWorld.service("web-idle", 0, "web-blue-tg")), "production");
        assertEquals("a", world.live().service("web").orElseThrow().blue().orElseThrow().id());

        world.replaceIn("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28");
        Plan plan = world.plan("c1");
        UpdateSlot update = plan.services().getFirst().steps().stream().filter(s -> s instanceof UpdateSlot)
                .map(s -> (UpdateSlot) s).findFirst().orElseThrow();
        assertEquals("web-idle", update.ecsServiceName());
        assertEquals("web-green-tg", update.rebind().orElseThrow().name(), render(plan));
        // the move survives the journal (a resumed apply) and the store (a pending plan read after a restart)
        assertEquals(update, JournalJson.step(JournalJson.step(update)));
        assertEquals(plan, StateJson.plan(StateJson.write(plan)));
        applyGuarded(world, plan);

        assertProductionOn(world, "web-idle", "web-green-tg");
        assertTrue(world.plan("c2").inSync(), () -> render(world.plan("c2")));
        // and back: the next deployment goes to web-prod, still in web-blue-tg
        world.replaceIn("services/web/web.taskdef.json", "nginx:1.28", "nginx:1.29");
        applyGuarded(world, world.plan("c3"));
        assertProductionOn(world, "web-prod", "web-blue-tg");
    }

    @Test
    void scenarioTwoWithBothRunningTasksIsAProblemThatChangesNothing() {
        SimWorld world = new SimWorld(AdoptionWorld.specs(tmp.resolve("specs"), ADOPT_BOTH), world("web-blue-tg",
                "web-blue-tg", AdoptionWorld.service("web-prod", 2, "web-blue-tg") + AdoptionWorld.service("web-idle", 1, "web-blue-tg")), "production");
        world.replaceIn("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28");
        Plan plan = world.plan("c1");
        assertTrue(plan.services().isEmpty(), render(plan));
        assertTrue(plan.problems().getFirst().message().contains("both web-prod and web-idle are registered"),
                plan.problems().toString());
    }

    /** An adopted idle slot created with another launch type cannot be updated to the spec's: reported, never replaced. */
    @Test
    void creationOnlySettingsOfAnAdoptedSlotAreReportedNotReplaced() {
        String ec2Idle = AdoptionWorld.service("web-idle", 0, "web-green-tg").replace("launchType: FARGATE", "launchType: EC2");
        SimWorld world = new SimWorld(AdoptionWorld.specs(tmp.resolve("specs"), ADOPT_BOTH), world("web-blue-tg",
                "web-green-tg", AdoptionWorld.service("web-prod", 2, "web-blue-tg") + ec2Idle), "production");
        world.replaceIn("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28");
        Plan plan = world.plan("c1");
        assertTrue(plan.problems().getFirst().message().contains("web-idle (slot b) was created with launchType EC2"
                + " (the spec says FARGATE)"), plan.problems().toString());
        ApplyResult result = world.executor(Progress.silent()).build().apply(plan, world.live());
        assertEquals(ApplyResult.Status.REFUSED, result.status());
        assertEquals(2, world.gateway().ecs().listServices("production").size());
    }

    /**
     * The most common starting point: one service behind one target group, with a second group
     * and a stage listener added. Slot b is created on the second group, verified through stage,
     * production swapped; from then on blue/green both ways.
     */
    @Test
    void aRollingServiceBecomesBlueGreenWithoutDowntime() {
        String rolling = """
                rolling:
                  targetGroup: web-blue-tg
                  container: {name: web, port: 8080}
                  circuitBreaker: false
                  rollback: false
                """;
        Path specs = AdoptionWorld.specs(tmp.resolve("specs"), rolling);
        SimWorld world = new SimWorld(specs, world("web-blue-tg", "web-green-tg", AdoptionWorld.service("web", 2, "web-blue-tg")), "production");
        assertTrue(world.plan("c0").inSync(), () -> render(world.plan("c0")));

        AdoptionWorld.specs(specs, ADOPT_BOTH.replace("slots: {a: web-prod, b: web-idle}", "slots: {a: web}"));
        Plan same = world.plan("c1");
        assertTrue(same.inSync(), () -> render(same));
        assertTrue(same.services().getFirst().notes().toString().contains("web--b (slot b) does not exist yet"), render(same));

        world.replaceIn("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28");
        Plan migrate = world.plan("c2");
        CreateSlot created = migrate.services().getFirst().steps().stream().filter(s -> s instanceof CreateSlot)
                .map(s -> (CreateSlot) s).findFirst().orElseThrow(() -> new AssertionError(render(migrate)));
        assertEquals("web--b", created.ecsServiceName());
        assertEquals("web-green-tg", created.binding().name());
        assertEquals(2, created.desiredCount());
        applyGuarded(world, migrate);
        assertProductionOn(world, "web--b", "web-green-tg");
        assertEquals(0, ecsService(world, "web").desiredCount(), "the old service is kept, scaled to 0 for rollback");
        assertTrue(world.plan("c3").inSync(), () -> render(world.plan("c3")));

        world.replaceIn("services/web/web.taskdef.json", "nginx:1.28", "nginx:1.29");
        applyGuarded(world, world.plan("c4"));
        assertProductionOn(world, "web", "web-blue-tg");
        Invariants.check(world);
    }

    /**
     * A first deployment where the load balancer already forwards production to slot a's group,
     * on which another service of the team still runs: the new slot goes on the other group, is
     * verified through stage, and only then does production move; the old service is left alone.
     */
    @Test
    void aBootstrapBehindAnExistingProductionGroupNeverServesUnverifiedTasks() {
        String turnoutSlots = ADOPT_BOTH.replace("  slots: {a: web-prod, b: web-idle}\n", "");
        SimWorld world = new SimWorld(AdoptionWorld.specs(tmp.resolve("specs"), turnoutSlots), world("web-blue-tg",
                "web-green-tg", AdoptionWorld.service("legacy-web", 2, "web-blue-tg")), "production");
        Plan plan = world.plan("c1");
        ServicePlan web = plan.services().stream().filter(s -> s.service().equals("web")).findFirst().orElseThrow();
        assertEquals(PlanKind.BOOTSTRAP, web.kind());
        CreateSlot first = (CreateSlot) web.steps().get(1);
        assertEquals("web--b", first.ecsServiceName());
        assertEquals("web-green-tg", first.binding().name());
        applyGuarded(world, plan);
        assertProductionOn(world, "web--b", "web-green-tg");
        assertEquals(2, ecsService(world, "legacy-web").desiredCount(), "the team's old service is not Turnout's to touch");
        assertTrue(world.plan("c2").inSync());
    }

    /** The guard itself: an idle service scaled up behind production without a Verify step is caught. */
    @Test
    void theGuardCatchesUnverifiedTasksBehindProduction() {
        SimWorld world = new SimWorld(AdoptionWorld.specs(tmp.resolve("specs"), ADOPT_BOTH), world("web-blue-tg",
                "web-blue-tg", AdoptionWorld.service("web-prod", 2, "web-blue-tg") + AdoptionWorld.service("web-idle", 0, "web-blue-tg")), "production");
        ProductionGuard guard = new ProductionGuard(world, "shop-alb", 443);
        world.gateway().ecs().updateService(new UpdateServiceRequest("production", "web-idle", Optional.empty(),
                Optional.of(1), Optional.empty(), false));
        Downsize step = new Downsize("web", Slot.B, "production", "web-idle", Duration.ZERO);
        AssertionError caught = assertThrows(AssertionError.class, () -> guard.stepFinished(0, step));
        assertTrue(caught.getMessage().contains("web-idle has tasks behind production but was never verified"), caught.getMessage());
    }

    private static void applyGuarded(SimWorld world, Plan plan) {
        ProductionGuard guard = new ProductionGuard(world, "shop-alb", 443);
        ApplyResult result = world.executor(guard).build().apply(plan, world.live());
        assertTrue(result.succeeded(), () -> result + "\n" + render(plan) + "\n" + String.join("\n", world.lines));
        assertEquals(plan.stepCount(), guard.checked.size(), "invariant 1 checked after every step");
    }

    private static void assertProductionOn(SimWorld world, String ecsService, String group) {
        var web = world.live().service("web").orElseThrow();
        LiveElb elb = (LiveElb) web.traffic().orElseThrow();
        assertTrue(elb.prodTargetGroupArn().contains("/" + group + "/"), elb.prodTargetGroupArn());
        assertEquals(ecsService, web.slot(web.blue().orElseThrow()).orElseThrow().service().name());
        EcsServiceInfo s = ecsService(world, ecsService);
        assertTrue(s.steady() && s.runningCount() > 0, s.toString());
        assertEquals(Tags.BLUE, s.tags().get(Tags.BG_VERSION));
    }

    private static EcsServiceInfo ecsService(SimWorld world, String name) {
        return world.gateway().ecs().describeServices("production", List.of(name)).services().getFirst();
    }

    private static Map<String, String> tags(SimWorld world, String name) {
        return ecsService(world, name).tags();
    }

    private static Map<String, String> arns(SimWorld world) {
        Map<String, String> arns = new TreeMap<>();
        world.gateway().ecs().listServices("production").forEach(a -> arns.put(a.substring(a.lastIndexOf('/') + 1), a));
        return arns;
    }

    private static String render(Plan plan) {
        return new TextPlanRenderer(false).render(plan);
    }

}
