package io.turnout.plan;

import static io.turnout.testing.LiveFixtures.blueGreen;
import static io.turnout.testing.LiveFixtures.taskDefinition;
import static io.turnout.testing.SpecFixtures.elbService;
import static io.turnout.testing.SpecFixtures.production;
import static io.turnout.testing.SpecFixtures.scaling;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.Tags;
import io.turnout.live.LiveElb;
import io.turnout.live.LiveService;
import io.turnout.live.LiveState;
import io.turnout.spec.EffectiveService;
import io.turnout.spec.Slot;
import io.turnout.testing.LiveFixtures;
import io.turnout.testing.SpecFixtures;
import io.turnout.testing.Yaml;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private static final String OLD = "nginx:1.27";
    private static final String NEW = "nginx:1.28";
    private final Planner planner = new Planner();

    private static LiveState live(LiveService... services) {
        Map<String, LiveService> map = new TreeMap<>();
        for (LiveService s : services) map.put(s.name(), s);
        return new LiveState("production", "production", true, map);
    }

    /** {@code svc} deployed: BLUE on {@code blue} runs {@code blueImage} (revision 5), GREEN {@code greenImage} (4). */
    private static LiveService deployed(EffectiveService svc, Slot blue, String blueImage, String greenImage) {
        String family = svc.name();
        return blueGreen(svc, "production", blue,
                taskDefinition(Yaml.node(SpecFixtures.taskDefinition(family, blueImage)), 5), 2,
                taskDefinition(Yaml.node(SpecFixtures.taskDefinition(family, greenImage)), 4),
                ((io.turnout.spec.BlueGreen) svc.strategy()).autoScaling());
    }

    private Plan plan(List<EffectiveService> desired, LiveState live) {
        return planner.plan(production(), desired, live, Optional.of("abc1234"));
    }

    @Test
    void settingsOnlyChangeDeploysTheRunningDefinitionToGreen() {
        EffectiveService deployedSpec = elbService("web", OLD, Optional.empty());
        EffectiveService desired = SpecFixtures.service("web", SpecFixtures.taskDefinition("web", OLD),
                SpecFixtures.SETTINGS.replace("launchType: FARGATE", "launchType: FARGATE, healthCheckGracePeriodSeconds: 60"),
                deployedSpec.strategy());
        Plan plan = plan(List.of(desired), live(deployed(deployedSpec, Slot.A, OLD, "nginx:1.26")));
        ServicePlan web = plan.services().getFirst();
        assertEquals(PlanKind.BLUE_GREEN, web.kind());
        assertEquals(List.of("service/healthCheckGracePeriodSeconds"), web.changes().stream().map(c -> c.path()).toList());
        UpdateSlot update = assertInstanceOf(UpdateSlot.class, web.steps().getFirst());
        assertEquals(Slot.B, update.slot());
        assertEquals(Optional.of(LiveFixtures.taskDefinitionArn("web", 5)), update.taskDefinition().arn());
        assertTrue(update.settings().isPresent(), "the GREEN slot gets the new settings");
        assertTrue(web.steps().stream().noneMatch(s -> s instanceof RegisterTaskDefinition));
    }

    @Test
    void imageChangeRegistersAndSwapsToGreen() {
        EffectiveService desired = elbService("web", NEW, Optional.of(scaling(2, 10)));
        Plan plan = plan(List.of(desired), live(deployed(elbService("web", OLD, Optional.of(scaling(2, 10))), Slot.B,
                OLD, "nginx:1.26")));
        List<Class<?>> kinds = plan.services().getFirst().steps().stream().<Class<?>>map(Object::getClass).toList();
        assertEquals(List.of(RegisterTaskDefinition.class, UpdateSlot.class, AwaitSteadyState.class, Verify.class,
                SwapTraffic.class, Retag.class, MoveAutoScaling.class, Downsize.class), kinds);
        SwapTraffic swap = (SwapTraffic) plan.services().getFirst().steps().get(4);
        assertEquals(Slot.A, swap.toSlot());
        assertEquals("web-a", swap.prodTargetGroupName());
        assertEquals("web-b", swap.stageTargetGroupName());
    }

    @Test
    void desiredCountIsIgnoredWhenAutoScalingManagesIt() {
        EffectiveService desired = SpecFixtures.service("web", SpecFixtures.taskDefinition("web", OLD),
                SpecFixtures.SETTINGS.replace("desiredCount: 2", "desiredCount: 7"),
                elbService("web", OLD, Optional.of(scaling(2, 10))).strategy());
        Plan plan = plan(List.of(desired), live(deployed(desired, Slot.A, OLD, OLD)));
        ServicePlan web = plan.services().getFirst();
        assertEquals(PlanKind.IN_SYNC, web.kind());
        assertTrue(plan.inSync());
        assertTrue(web.notes().getFirst().contains("auto scaling manages"), web.notes().toString());
    }

    @Test
    void removedAutoScalingIsDeregisteredInPlace() {
        EffectiveService deployedSpec = elbService("web", OLD, Optional.of(scaling(2, 10)));
        Plan plan = plan(List.of(elbService("web", OLD, Optional.empty())), live(deployed(deployedSpec, Slot.A, OLD, OLD)));
        ServicePlan web = plan.services().getFirst();
        assertEquals(PlanKind.IN_PLACE, web.kind());
        assertEquals(List.of(new RemoveAutoScaling("web", Slot.A, "service/production/web--a")), web.steps());
    }

    @Test
    void productionPointingAtNeitherSlotGoesBackToAVerifiedSlot() {
        EffectiveService svc = elbService("web", OLD, Optional.empty());
        LiveService deployed = deployed(svc, Slot.A, OLD, OLD);
        LiveElb elb = (LiveElb) deployed.traffic().orElseThrow();
        LiveElb nowhere = new LiveElb(elb.loadBalancer(), new io.turnout.cloud.ListenerInfo(elb.prodListener().arn(),
                elb.prodListener().loadBalancerArn(), 443, "HTTPS", null), elb.stageListener(), elb.prodRule(),
                elb.stageRule(), elb.targetGroups());
        LiveService broken = new LiveService("web", deployed.a(), deployed.b(), Optional.empty(), Optional.of(nowhere),
                List.of());
        Plan plan = plan(List.of(svc), live(broken));
        assertEquals(List.of(), plan.problems());
        ServicePlan web = plan.services().getFirst();
        assertEquals(PlanKind.BOOTSTRAP, web.kind());
        // slot a runs the spec already: no new revision; it is verified before production goes back to it
        assertEquals(List.of(UpdateSlot.class, AwaitSteadyState.class, PointStage.class, Verify.class, SwapTraffic.class,
                Retag.class), web.steps().stream().<Class<?>>map(Object::getClass).toList());
        assertEquals(Slot.A, ((SwapTraffic) web.steps().get(4)).toSlot());
        assertFalse(plan.inSync());
    }

    @Test
    void aMissingIdleSlotIsCreatedByTheNextDeployment() {
        EffectiveService svc = elbService("web", OLD, Optional.empty());
        LiveService deployed = deployed(svc, Slot.A, OLD, OLD);
        LiveService withoutB = new LiveService("web", deployed.a(), Optional.empty(), Optional.empty(), deployed.traffic(),
                List.of());
        Plan same = plan(List.of(svc), live(withoutB));
        assertTrue(same.inSync(), same.toString());
        assertTrue(same.services().getFirst().notes().getFirst().startsWith("web--b (slot b) does not exist yet"),
                same.services().getFirst().notes().toString());

        ServicePlan web = plan(List.of(elbService("web", NEW, Optional.empty())), live(withoutB)).services().getFirst();
        assertEquals(PlanKind.BLUE_GREEN, web.kind());
        CreateSlot b = assertInstanceOf(CreateSlot.class, web.steps().get(1));
        assertEquals("web--b", b.ecsServiceName());
        assertEquals(2, b.desiredCount());
        assertEquals(Slot.B, ((SwapTraffic) web.steps().get(4)).toSlot());
    }

    @Test
    void missingClusterIsOneEnvironmentProblemThatBlocksEveryService() {
        Plan plan = plan(List.of(elbService("web", OLD, Optional.empty()), SpecFixtures.rollingService("mailer", OLD)),
                new LiveState("production", "production", false, Map.of()));
        assertEquals(java.util.Arrays.asList(null, "mailer", "web"),
                plan.problems().stream().map(PlanProblem::service).toList());
        assertTrue(plan.problems().getFirst().environmentWide());
        assertTrue(plan.problems().getFirst().message().contains("cluster production not found"));
        assertEquals(1, plan.problems().stream().filter(p -> p.message().contains("cluster production")).count(),
                "named once, not once per service");
        assertTrue(plan.problems().get(1).message().contains("environment's problems above"), plan.problems().toString());
    }

    @Test
    void trafficModeMismatchIsAProblem() {
        EffectiveService dnsSpec = SpecFixtures.dnsService("web", OLD);
        LiveService elbLive = deployed(elbService("web", OLD, Optional.empty()), Slot.A, OLD, OLD);
        Plan plan = plan(List.of(dnsSpec), live(elbLive));
        assertTrue(plan.problems().getFirst().message().contains("traffic mode dns"), plan.problems().toString());
    }

    @Test
    void missingListenerRuleIsAProblem() {
        EffectiveService withRules = SpecFixtures.service("api", SpecFixtures.taskDefinition("api", OLD),
                SpecFixtures.SETTINGS, new io.turnout.spec.BlueGreen(SpecFixtures.elb("api", true),
                        Optional.of(io.turnout.spec.Verification.DEFAULT), Optional.empty()));
        // live state read for a spec without rules: no rule found
        LiveService live = LiveFixtures.infrastructureOnly(elbService("api", OLD, Optional.empty()));
        Plan plan = plan(List.of(withRules), live(live));
        assertTrue(plan.problems().getFirst().message().startsWith("listener rule with priority 10 (prod) not found"),
                plan.problems().toString());
    }

    @Test
    void bootstrapTagsCarryCommitSpecHashAndSlot() {
        EffectiveService svc = elbService("web", OLD, Optional.empty());
        Plan plan = plan(List.of(svc), live(LiveFixtures.infrastructureOnly(svc)));
        CreateSlot a = (CreateSlot) plan.services().getFirst().steps().get(1);
        assertEquals("abc1234", a.tags().get(Tags.COMMIT));
        assertEquals(SpecHash.of(svc), a.tags().get(Tags.SPEC_HASH));
        assertEquals("a", a.tags().get(Tags.SLOT));
        assertEquals(Tags.GREEN, a.tags().get(Tags.BG_VERSION), "BLUE only after production points at it");
        assertEquals(2, a.desiredCount());
        assertEquals(0, ((CreateSlot) plan.services().getFirst().steps().get(2)).desiredCount());
        assertFalse(a.settings().has("desiredCount"));
    }

    @Test
    void rollingDesiredCountChangeUpdatesWithTheRunningDefinition() {
        EffectiveService running = SpecFixtures.rollingService("mailer", OLD);
        EffectiveService desired = SpecFixtures.service("mailer", SpecFixtures.taskDefinition("mailer", OLD),
                SpecFixtures.SETTINGS.replace("desiredCount: 2", "desiredCount: 3"), running.strategy());
        LiveService live = LiveFixtures.rolling(running, "production",
                taskDefinition(Yaml.node(SpecFixtures.taskDefinition("mailer", OLD)), 7), 2);
        ServicePlan mailer = plan(List.of(desired), live(live)).services().getFirst();
        assertEquals(PlanKind.ROLLING, mailer.kind());
        RollingUpdate update = assertInstanceOf(RollingUpdate.class, mailer.steps().getFirst());
        assertEquals(Optional.of(3), update.desiredCount());
        assertEquals(Optional.of(LiveFixtures.taskDefinitionArn("mailer", 7)), update.taskDefinition().arn());
        assertTrue(update.circuitBreaker());
    }

    @Test
    void servicesComeOutSortedWhateverTheInputOrder() {
        EffectiveService web = elbService("web", OLD, Optional.empty());
        EffectiveService api = elbService("api", OLD, Optional.empty());
        LiveState live = live(LiveFixtures.infrastructureOnly(web), LiveFixtures.infrastructureOnly(api));
        assertEquals(plan(List.of(web, api), live), plan(List.of(api, web), live));
        assertEquals(List.of("api", "web"), plan(List.of(web, api), live).services().stream()
                .map(ServicePlan::service).toList());
    }

    @Test
    void liveStateOfAnotherEnvironmentIsRefused() {
        LiveState staging = new LiveState("staging", "staging", true, Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> planner.plan(production(), List.of(), staging, Optional.empty()));
        assertTrue(e.getMessage().contains("'staging'"));
    }

    @Test
    void dnsDeploymentShiftsWeightsStepByStep() {
        EffectiveService running = SpecFixtures.dnsService("catalog", OLD);
        LiveService live = deployed(running, Slot.A, OLD, OLD);
        ServicePlan catalog = plan(List.of(SpecFixtures.dnsService("catalog", NEW)), live(live)).services().getFirst();
        List<ShiftWeights> shifts = catalog.steps().stream().filter(s -> s instanceof ShiftWeights)
                .map(s -> (ShiftWeights) s).toList();
        assertEquals(List.of(10L, 100L), shifts.stream().map(s -> s.to().weight()).toList());
        assertEquals(List.of(90L, 0L), shifts.stream().map(s -> s.from().weight()).toList());
        assertEquals("catalog-b", shifts.getFirst().to().setIdentifier());
        assertEquals("catalog-b.svc.shop.local", shifts.getFirst().to().value());
    }
}
