package io.turnout.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.ListenerInfo;
import io.turnout.cloud.LoadBalancerInfo;
import io.turnout.cloud.RuleInfo;
import io.turnout.cloud.TargetGroupInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How import tells a prod and a stage route, and the second target group, from a load balancer's set-up. */
class ElbLayoutTest {
    private static final String LB = "arn:aws:elasticloadbalancing:eu-west-1:222222222222:loadbalancer/app/shop-alb/1";
    private static final TargetGroupInfo BLUE = group("web-blue");
    private static final TargetGroupInfo GREEN = group("web-green");
    private static final TargetGroupInfo OTHER = group("other");

    private static TargetGroupInfo group(String name) {
        return new TargetGroupInfo("arn:aws:elasticloadbalancing:eu-west-1:222222222222:targetgroup/" + name + "/1", name,
                8080, "HTTP", "ip", List.of(LB));
    }

    private static ListenerInfo listener(int port, TargetGroupInfo forward) {
        return new ListenerInfo(LB + "/listener-" + port, LB, port, "HTTPS", forward == null ? null : forward.arn());
    }

    private static ElbLayout layout(List<ListenerInfo> listeners, Map<String, List<RuleInfo>> rules, TargetGroupInfo... groups) {
        return new ElbLayout(new LoadBalancerInfo(LB, "shop-alb", "application", "shop-alb.example"), listeners, rules,
                List.of(groups));
    }

    @Test
    void aProdAndAStageListenerOnTwoGroupsAreAPairWhicheverGroupItIsAskedAbout() {
        ElbLayout layout = layout(List.of(listener(8443, GREEN), listener(443, BLUE)), Map.of(), BLUE, GREEN);
        for (TargetGroupInfo asked : List.of(BLUE, GREEN)) {
            ElbPair pair = layout.around(asked.arn(), Set.of()).pair().orElseThrow();
            assertEquals(443, pair.prodListenerPort(), "production on the lower port");
            assertEquals(8443, pair.stageListenerPort());
            assertEquals("web-blue", pair.prodTargetGroup().name());
            assertEquals("web-green", pair.otherTargetGroup().name());
        }
    }

    @Test
    void scenarioTwoStageOnTheSameGroupTakesTheOneFreeGroup() {
        ElbLayout layout = layout(List.of(listener(443, BLUE), listener(8443, BLUE)), Map.of(), BLUE, GREEN);
        ElbPair pair = layout.around(BLUE.arn(), Set.of()).pair().orElseThrow();
        assertEquals("web-green", pair.otherTargetGroup().name());
        // with two free groups there is no telling which is the second slot's
        ElbLayout ambiguous = layout(List.of(listener(443, BLUE), listener(8443, BLUE)), Map.of(), BLUE, GREEN, OTHER);
        assertTrue(ambiguous.around(BLUE.arn(), Set.of()).pair().isEmpty());
        // nor when the one free group is another service's
        assertTrue(layout.around(BLUE.arn(), Set.of(GREEN.arn())).pair().isEmpty());
    }

    @Test
    void rulesOfTheSamePriorityOnTwoListenersAreAPair() {
        ListenerInfo prod = listener(443, null);
        ListenerInfo stage = listener(8443, null);
        Map<String, List<RuleInfo>> rules = Map.of(
                prod.arn(), List.of(new RuleInfo(prod.arn() + "/r10", prod.arn(), "10", false, BLUE.arn()),
                        new RuleInfo(prod.arn() + "/r20", prod.arn(), "20", false, OTHER.arn())),
                stage.arn(), List.of(new RuleInfo(stage.arn() + "/r10", stage.arn(), "10", false, GREEN.arn())));
        ElbPair pair = layout(List.of(prod, stage), rules, BLUE, GREEN, OTHER).around(BLUE.arn(), Set.of()).pair().orElseThrow();
        assertEquals(Optional.of(10), pair.prodRulePriority());
        assertEquals(Optional.of(10), pair.stageRulePriority());
        assertEquals("web-green", pair.otherTargetGroup().name());
    }

    @Test
    void withoutAStageRouteThereIsNoPairAndItSaysWhy() {
        ElbLayout.Result result = layout(List.of(listener(443, BLUE)), Map.of(), BLUE, GREEN).around(BLUE.arn(), Set.of());
        assertTrue(result.pair().isEmpty());
        assertEquals("no stage listener or rule on shop-alb forwards to a second target group", result.why());
        assertEquals("no listener or rule of shop-alb forwards to it",
                layout(List.of(listener(443, GREEN)), Map.of(), BLUE, GREEN).around(BLUE.arn(), Set.of()).why());
    }
}
