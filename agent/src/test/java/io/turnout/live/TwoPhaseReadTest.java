package io.turnout.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.bench.SyntheticEstate;
import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.Tags;
import io.turnout.cloud.UpdateServiceRequest;
import io.turnout.plan.Plan;
import io.turnout.plan.PlanKind;
import io.turnout.plan.Planner;
import io.turnout.plan.ServicePlan;
import io.turnout.plan.SlotTags;
import io.turnout.plan.UpdateInPlace;
import io.turnout.spec.Slot;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reader describes GREEN slots, task definitions and auto scaling only when BLUE's tags do not vouch for the spec. */
class TwoPhaseReadTest {
    private final SyntheticEstate estate = SyntheticEstate.of(10); // s00000…s00008 ELB, s00009 DNS
    private final CloudGateway gw = estate.gateway();

    private LiveState read() {
        gw.stats().reset();
        return new BatchedLiveStateReader(gw, SlotTags::runsDesired).read(estate.environment(), estate.specs());
    }

    private Plan plan(LiveState live) {
        return new Planner().plan(estate.environment(), estate.specs().servicesIn(estate.environment()), live,
                Optional.empty());
    }

    private String blueArn(String service) {
        return gw.ecs().describeServices("production", List.of(service + "--a")).services().getFirst().arn();
    }

    @Test
    void inSyncServicesAreReadFromTheirBlueSlotAlone() {
        LiveState live = read();

        assertEquals(1, gw.stats().count("ecs:DescribeServices"), "10 BLUE slots in one call");
        assertEquals(0, gw.stats().count("ecs:DescribeTaskDefinition"));
        assertEquals(0, gw.stats().count("application-autoscaling:DescribeScalableTargets"));
        for (LiveService s : live.services().values()) {
            assertEquals(Set.of(Slot.B), s.notRead(), s.name());
            assertFalse(s.wasRead(Slot.B));
            assertTrue(s.b().isEmpty(), "not read, and said so");
            LiveSlot blue = s.a().orElseThrow();
            assertTrue(blue.tagsOnly());
            assertEquals(blue.service().tags().get(Tags.TASK_DEFINITION), blue.taskDefinitionArn());
        }
        Plan plan = plan(live);
        assertTrue(plan.inSync(), plan.toString());
        assertEquals(Optional.of("public.ecr.aws/nginx/nginx:1.27"), plan.services().getFirst().imageBefore());
    }

    @Test
    void desiredCountDriftOfBlueIsSeenWithoutReadingMore() {
        gw.ecs().updateService(new UpdateServiceRequest("production", "s00009--a", Optional.empty(), Optional.of(5),
                Optional.empty(), false));

        LiveState live = read();

        assertEquals(1, gw.stats().count("ecs:DescribeServices"));
        ServicePlan dns = plan(live).services().stream().filter(s -> s.service().equals("s00009")).findFirst().orElseThrow();
        assertEquals(PlanKind.IN_PLACE, dns.kind());
        assertEquals(Optional.of(2), ((UpdateInPlace) dns.steps().getFirst()).desiredCount());
    }

    @Test
    void aDifferentSpecHashReadsTheGreenSlotTheTaskDefinitionsAndAutoScaling() {
        gw.ecs().tagResource(blueArn("s00001"), Map.of(Tags.SPEC_HASH, "0123456789abcdef"));

        LiveState live = read();

        assertEquals(2, gw.stats().count("ecs:DescribeServices"), "the BLUE slots, then s00001's GREEN slot");
        assertEquals(1, gw.stats().count("ecs:DescribeTaskDefinition"), "both slots run the same revision");
        assertEquals(1, gw.stats().count("application-autoscaling:DescribeScalableTargets"));
        assertEquals(1, gw.stats().count("application-autoscaling:DescribeScalingPolicies"), "of the slot that has a target");
        LiveService s1 = live.service("s00001").orElseThrow();
        assertEquals(Set.of(), s1.notRead());
        assertFalse(s1.a().orElseThrow().tagsOnly());
        assertNotNull(s1.a().orElseThrow().taskDefinition());
        assertTrue(s1.a().orElseThrow().scaling().isPresent());
        assertTrue(s1.b().orElseThrow().scaling().isEmpty());
        // same spec after all (only the tag was wrong): nothing to deploy
        assertTrue(plan(live).inSync());
    }

    @Test
    void aTaskDefinitionChangedBehindTurnoutsBackIsDescribed() {
        String other = gw.ecs().registerTaskDefinition(estate.specs().servicesIn(estate.environment()).get(2)
                .taskDefinition().deepCopy(), Map.of()).arn();
        gw.ecs().updateService(new UpdateServiceRequest("production", "s00002--a", Optional.of(other), Optional.empty(),
                Optional.empty(), false));

        LiveState live = read();

        assertEquals(2, gw.stats().count("ecs:DescribeServices"));
        assertEquals(2, gw.stats().count("ecs:DescribeTaskDefinition"), "BLUE's new revision and GREEN's");
        assertEquals(other, live.service("s00002").orElseThrow().a().orElseThrow().taskDefinition().arn());
    }
    @Test
    void planningAnotherSpecAgainstAStateReadFromTagsIsRefusedNotMistakenForAbsentSlots() {
        LiveState live = read();
        var changed = estate.specs().servicesIn(estate.environment()).stream().map(s -> new io.turnout.spec.EffectiveService(
                s.name(), s.environment(), s.source(), io.turnout.spec.JsonMerge.merge(s.taskDefinition(),
                        tools.jackson.databind.json.JsonMapper.builder().build().readTree("{\"cpu\": \"512\"}")),
                s.service(), s.strategy())).toList();
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new Planner().plan(estate.environment(), changed, live, Optional.empty()));
        assertTrue(e.getMessage().contains("read it again"), e.getMessage());
    }

    // BLUE missing (GREEN described): BatchedLiveStateReaderTest.twentyFiveServicesOnOneLoadBalancer… (s1)
}
