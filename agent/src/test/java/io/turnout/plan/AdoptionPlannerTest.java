package io.turnout.plan;

import static io.turnout.testing.LiveFixtures.blueGreen;
import static io.turnout.testing.LiveFixtures.taskDefinition;
import static io.turnout.testing.SpecFixtures.elbService;
import static io.turnout.testing.SpecFixtures.production;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.LoadBalancerBinding;
import io.turnout.cloud.TargetGroupInfo;
import io.turnout.live.LiveElb;
import io.turnout.live.LiveService;
import io.turnout.live.LiveSlot;
import io.turnout.live.LiveState;
import io.turnout.spec.CodeDeploy;
import io.turnout.spec.EcsNative;
import io.turnout.spec.EffectiveService;
import io.turnout.spec.Rolling;
import io.turnout.spec.Slot;
import io.turnout.spec.SlotPair;
import io.turnout.testing.LiveFixtures;
import io.turnout.testing.SpecFixtures;
import io.turnout.testing.Yaml;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The planner with services another tool left behind: BLUE by registration, bindings, ports, AWS's own engines. */
class AdoptionPlannerTest {
    private static final String OLD = "nginx:1.27";
    private static final String NEW = "nginx:1.28";
    /** What a rolling service created with the breaker reports: the settings an engine's spec must say. */
    private static final String WITH_BREAKER = SpecFixtures.SETTINGS.replace("desiredCount: 2,",
            "desiredCount: 2, deploymentConfiguration: {deploymentCircuitBreaker: {enable: true, rollback: true}},");

    private static Plan plan(EffectiveService desired, LiveService live) {
        return new Planner().plan(production(), List.of(desired), new LiveState("production", "production", true,
                Map.of(live.name(), live)), Optional.of("abc1234"));
    }

    private static LiveService deployed(EffectiveService svc) {
        return blueGreen(svc, "production", Slot.A, taskDefinition(Yaml.node(SpecFixtures.taskDefinition("web", OLD)), 5), 2,
                taskDefinition(Yaml.node(SpecFixtures.taskDefinition("web", OLD)), 4), Optional.empty());
    }

    /** {@code slot} with its ECS service registered in {@code group} and running {@code running} tasks. */
    private static LiveSlot registered(LiveSlot slot, String group, int running) {
        EcsServiceInfo s = slot.service();
        EcsServiceInfo moved = new EcsServiceInfo(s.arn(), s.name(), s.clusterArn(), s.status(), s.taskDefinitionArn(),
                running, running, 0, List.of(new LoadBalancerBinding(group, "web", 8080)), s.serviceRegistries(),
                s.deployments(), s.tags(), s.settings());
        return new LiveSlot(slot.slot(), moved, slot.taskDefinition(), slot.scaling());
    }

    @Test
    void scenarioTwoBothRegisteredWhereProductionPointsTheOneRunningTasksIsBlueAndGreenIsMovedToItsOwnGroup() {
        EffectiveService svc = elbService("web", OLD, Optional.empty());
        LiveService live = deployed(svc);
        String prodGroup = ((LiveElb) live.traffic().orElseThrow()).targetGroups().a().arn();
        LiveService both = new LiveService("web", Optional.of(registered(live.a().orElseThrow(), prodGroup, 0)),
                Optional.of(registered(live.b().orElseThrow(), prodGroup, 2)), Optional.empty(), live.traffic(), List.of());
        assertEquals(Optional.of(Slot.B), both.blue(), "the one with running tasks");
        // b serves production from a's group: the spec binds b elsewhere, so the swap would go the wrong way
        Plan plan = plan(elbService("web", NEW, Optional.empty()), both);
        assertTrue(plan.problems().getFirst().message().contains("serves production as slot b but is registered in"
                + " target group web-a"), plan.problems().toString());

        LiveService aRunning = new LiveService("web", Optional.of(registered(live.a().orElseThrow(), prodGroup, 2)),
                Optional.of(registered(live.b().orElseThrow(), prodGroup, 0)), Optional.empty(), live.traffic(), List.of());
        ServicePlan web = plan(elbService("web", NEW, Optional.empty()), aRunning).services().getFirst();
        UpdateSlot update = web.steps().stream().filter(s -> s instanceof UpdateSlot).map(s -> (UpdateSlot) s).findFirst().orElseThrow();
        assertEquals(Slot.B, update.slot());
        assertEquals("web-b", update.rebind().orElseThrow().name(), "moved out of production's group by its own update");
    }

    /**
     * An idle slot left in production's group (a first deployment that failed after creating it,
     * or an adopted idle service) serves nothing: the plan deploys to the other slot and verifies
     * it, never scales the idle one up in place behind production.
     */
    @Test
    void anIdleSlotInProductionsGroupIsNotBlueSoNothingIsScaledUpBehindProduction() {
        EffectiveService svc = elbService("web", OLD, Optional.empty());
        LiveService live = deployed(svc);
        String prodGroup = ((LiveElb) live.traffic().orElseThrow()).targetGroups().a().arn();
        String otherGroup = ((LiveElb) live.traffic().orElseThrow()).targetGroups().b().arn();
        LiveService idle = new LiveService("web", Optional.of(registered(live.a().orElseThrow(), prodGroup, 0)),
                Optional.of(registered(live.b().orElseThrow(), otherGroup, 0)), Optional.empty(), live.traffic(), List.of());
        assertEquals(Optional.empty(), idle.blue());
        ServicePlan web = plan(svc, idle).services().getFirst();
        assertEquals(PlanKind.BOOTSTRAP, web.kind());
        assertTrue(web.steps().stream().noneMatch(s -> s instanceof UpdateInPlace || s instanceof UpdateSlot u && u.slot() == Slot.A),
                web.steps().toString());
        UpdateSlot update = web.steps().stream().filter(s -> s instanceof UpdateSlot).map(s -> (UpdateSlot) s).findFirst().orElseThrow();
        assertEquals(Slot.B, update.slot());
        assertTrue(web.steps().stream().anyMatch(s -> s instanceof Verify v && v.slot() == Slot.B));
    }

    @Test
    void aTargetGroupPortOtherThanTheContainersIsANoteNotAProblem() {
        EffectiveService svc = elbService("web", OLD, Optional.empty());
        LiveService live = deployed(svc);
        LiveElb elb = (LiveElb) live.traffic().orElseThrow();
        SlotPair<TargetGroupInfo> port80 = elb.targetGroups().map(tg -> new TargetGroupInfo(tg.arn(), tg.name(), 80,
                tg.protocol(), tg.targetType(), tg.loadBalancerArns()));
        LiveService other = new LiveService("web", live.a(), live.b(), Optional.empty(), Optional.of(new LiveElb(
                elb.loadBalancer(), elb.prodListener(), elb.stageListener(), elb.prodRule(), elb.stageRule(), port80)), List.of());
        Plan plan = plan(svc, other);
        assertTrue(plan.inSync() && plan.problems().isEmpty(), plan.toString());
        assertTrue(plan.services().getFirst().notes().contains("target group web-a has port 80, container web listens on"
                + " 8080: fine, ECS registers the tasks on the container port"), plan.services().getFirst().notes().toString());
    }

    /**
     * Services of AWS's own engines as import writes them plan in sync with what runs; a change is
     * deployed by the engine (issue 16), except under CodeDeploy while the spec names no deployment
     * group (import cannot read it from files): then the change is a problem that says what to add.
     */
    @Test
    void awsOwnEnginesAreComparedAndACodeDeployServiceNeedsItsGroupToDeploy() {
        EffectiveService rolling = SpecFixtures.rollingService("web", OLD);
        LiveService live = LiveFixtures.rolling(rolling, "production",
                taskDefinition(Yaml.node(SpecFixtures.taskDefinition("web", OLD)), 3), 2);
        EcsNative ecs = new EcsNative(Optional.empty(), Optional.empty());
        CodeDeploy imported = new CodeDeploy(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                Optional.empty());
        for (var strategy : List.of(ecs, imported)) {
            EffectiveService same = SpecFixtures.service("web", SpecFixtures.taskDefinition("web", OLD),
                    WITH_BREAKER, strategy);
            Plan inSync = plan(same, live);
            assertTrue(inSync.inSync() && inSync.problems().isEmpty(), inSync.toString());
        }
        Plan deployed = plan(SpecFixtures.service("web", SpecFixtures.taskDefinition("web", NEW), WITH_BREAKER, ecs), live);
        assertTrue(deployed.problems().isEmpty(), deployed.problems().toString());
        assertFalse(deployed.services().getFirst().steps().isEmpty(), deployed.toString());

        Plan refused = plan(SpecFixtures.service("web", SpecFixtures.taskDefinition("web", NEW), WITH_BREAKER, imported), live);
        assertTrue(refused.services().isEmpty());
        String message = refused.problems().getFirst().message();
        assertTrue(message.contains("names no CodeDeploy application and deployment group"), message);
        assertTrue(message.contains("containerDefinitions[web]/image"), message);
        assertTrue(message.contains("add spec.strategy.codeDeploy.application and deploymentGroup"), message);
    }

    @Test
    void aRollingServiceInAnotherTargetGroupThanTheSpecSaysIsAProblem() {
        EffectiveService plain = SpecFixtures.rollingService("web", OLD);
        LiveService live = LiveFixtures.rolling(plain, "production", taskDefinition(Yaml.node(SpecFixtures.taskDefinition("web", OLD)), 3), 2);
        LiveSlot single = registered(live.single().orElseThrow(), LiveFixtures.elbArn("targetgroup", "web-tg"), 2);
        LiveService behindOne = new LiveService("web", Optional.empty(), Optional.empty(), Optional.of(single), Optional.empty(), List.of());
        Rolling base = (Rolling) plain.strategy();
        Rolling inWebTg = new Rolling(base.circuitBreaker(), base.rollback(), base.minimumHealthyPercent(), base.maximumPercent(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(new Rolling.TargetGroupRoute("web-tg", "web", 8080)));
        Rolling inOther = new Rolling(base.circuitBreaker(), base.rollback(), base.minimumHealthyPercent(), base.maximumPercent(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(new Rolling.TargetGroupRoute("web-other", "web", 8080)));
        assertTrue(plan(SpecFixtures.service("web", SpecFixtures.taskDefinition("web", OLD), SpecFixtures.SETTINGS, inWebTg),
                behindOne).inSync());
        Plan wrong = plan(SpecFixtures.service("web", SpecFixtures.taskDefinition("web", OLD), SpecFixtures.SETTINGS, inOther), behindOne);
        assertTrue(wrong.problems().getFirst().message().contains("is registered in target group web-tg (container web:8080),"
                + " but the spec says target group web-other"), wrong.problems().toString());
        Plan unnamed = plan(plain, behindOne);
        assertTrue(unnamed.inSync(), "a target group the spec does not name is left as it is");
        assertTrue(unnamed.services().getFirst().notes().getFirst().contains("which the spec does not name: left as it is"));
    }
}
