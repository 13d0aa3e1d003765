package io.turnout.cloud.sim;

import static io.turnout.cloud.sim.SimEcsTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.ListenerInfo;
import io.turnout.cloud.LoadBalancerInfo;
import io.turnout.cloud.RuleInfo;
import io.turnout.cloud.TargetHealthInfo;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimElbTest {
    private final SimFixture fx = new SimFixture();

    @Test
    void deterministicArnsAndListenersRulesTargetGroups() {
        LoadBalancerInfo lb = fx.gw.elb().describeLoadBalancers(List.of("shop-alb")).getFirst();
        assertTrue(lb.arn().matches("arn:aws:elasticloadbalancing:eu-west-1:222222222222:loadbalancer/app/shop-alb/[0-9a-f]{16}"), lb.arn());
        assertEquals(lb, new SimFixture().gw.elb().describeLoadBalancers(List.of("shop-alb")).getFirst(), "same names, same ids");
        List<ListenerInfo> listeners = fx.gw.elb().describeListeners(lb.arn());
        assertEquals(List.of(443, 8443, 80), listeners.stream().map(ListenerInfo::port).toList());
        assertEquals(fx.targetGroupArn("web-a"), listeners.getFirst().forwardTargetGroupArn());
        List<RuleInfo> rules = fx.gw.elb().describeRules(listeners.getFirst().arn());
        assertEquals(List.of("10", "default"), rules.stream().map(RuleInfo::priority).toList());
        assertEquals(fx.targetGroupArn("api-a"), rules.getFirst().forwardTargetGroupArn());
        assertTrue(rules.get(1).isDefault());
        assertEquals(List.of(lb.arn()), fx.targetGroup("web-b").loadBalancerArns());
        assertEquals(List.of(), fx.targetGroup("loose").loadBalancerArns());
        assertEquals(6, fx.gw.elb().describeTargetGroupsOf(lb.arn()).size() + 1, "all but the loose group");
    }

    @Test
    void notFoundErrors() {
        assertError("LoadBalancerNotFound", () -> fx.gw.elb().describeLoadBalancers(List.of("shop-alb", "nope")));
        assertError("LoadBalancerNotFound", () -> fx.gw.elb().describeListeners("arn:aws:elasticloadbalancing:eu-west-1:222222222222:loadbalancer/app/x/1"));
        assertError("ListenerNotFound", () -> fx.gw.elb().describeRules("arn:nope"));
        assertError("TargetGroupNotFound", () -> fx.gw.elb().describeTargetGroups(List.of("web-a", "web-c")));
        assertError("TargetGroupNotFound", () -> fx.gw.elb().describeTargetHealth("arn:nope"));
        assertError("RuleNotFound", () -> fx.gw.elb().modifyRule("arn:nope", fx.targetGroupArn("api-b")));
        assertError("ListenerNotFound", () -> fx.gw.elb().modifyListener("arn:nope", fx.targetGroupArn("web-b")));
    }

    @Test
    void swappingListenersAndRules() {
        LoadBalancerInfo lb = fx.gw.elb().describeLoadBalancers(List.of("shop-alb")).getFirst();
        ListenerInfo prod = fx.gw.elb().describeListeners(lb.arn()).getFirst();
        fx.gw.elb().modifyListener(prod.arn(), fx.targetGroupArn("web-b"));
        assertEquals(fx.targetGroupArn("web-b"), fx.gw.elb().describeListeners(lb.arn()).getFirst().forwardTargetGroupArn());
        RuleInfo rule = fx.gw.elb().describeRules(prod.arn()).getFirst();
        fx.gw.elb().modifyRule(rule.arn(), fx.targetGroupArn("api-b"));
        assertEquals(fx.targetGroupArn("api-b"), fx.gw.elb().describeRules(prod.arn()).getFirst().forwardTargetGroupArn());
        RuleInfo defaultRule = fx.gw.elb().describeRules(prod.arn()).get(1);
        assertError("OperationNotPermitted", () -> fx.gw.elb().modifyRule(defaultRule.arn(), fx.targetGroupArn("web-a")));
    }

    @Test
    void manuallyRegisteredTargetsTurnHealthyOrFailChecks() {
        String web = fx.targetGroupArn("web-a");
        fx.gw.elb().registerTargets(web, List.of(new TargetHealthInfo.Target("10.1.0.1", 0)));
        TargetHealthInfo initial = fx.gw.elb().describeTargetHealth(web).getFirst();
        assertEquals("initial", initial.state());
        assertEquals(8080, initial.target().port(), "port 0 means the group's port");
        fx.clock.advance(Duration.ofSeconds(10));
        assertTrue(fx.gw.elb().describeTargetHealth(web).getFirst().healthy());
        fx.cloud.faults().failHealthChecks("web-a");
        TargetHealthInfo bad = fx.gw.elb().describeTargetHealth(web).getFirst();
        assertEquals("unhealthy", bad.state());
        assertEquals("Target.FailedHealthChecks", bad.reason());
        fx.gw.elb().deregisterTargets(web, List.of(new TargetHealthInfo.Target("10.1.0.1", 8080)));
        assertTrue(fx.gw.elb().describeTargetHealth(web).isEmpty());

        String loose = fx.targetGroupArn("loose");
        fx.gw.elb().registerTargets(loose, List.of(new TargetHealthInfo.Target("10.1.0.2", 8080)));
        assertEquals("unused", fx.gw.elb().describeTargetHealth(loose).getFirst().state());
    }

    @Test
    void unhealthyTargetsKeepADeploymentInProgress() {
        var td = fx.registerWeb("nginx:1");
        fx.cloud.faults().failHealthChecks("web-a");
        fx.gw.ecs().createService(fx.webService("web--a", td.arn(), 1, "web-a", SimFixture.fargateSettings()));
        fx.clock.advance(Duration.ofMinutes(5));
        var svc = fx.gw.ecs().describeServices("production", List.of("web--a")).services().getFirst();
        assertEquals(1, svc.runningCount());
        assertEquals("IN_PROGRESS", svc.deployments().getFirst().rolloutState());
        fx.cloud.faults().restoreHealthChecks("web-a");
        fx.clock.advance(Duration.ofSeconds(1));
        var healthy = fx.gw.ecs().describeServices("production", List.of("web--a")).services().getFirst();
        assertTrue(healthy.steady());
        assertNull(fx.gw.elb().describeTargetHealth(fx.targetGroupArn("web-a")).getFirst().reason());
    }
}
