package io.turnout.cloud.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.turnout.cloud.CloudException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimFaultsTest {
    private final SimFixture fx = new SimFixture();

    private String outcome(Runnable call) {
        try {
            call.run();
            return "ok";
        } catch (CloudException e) {
            return e.errorCode() + "/" + e.statusCode();
        }
    }

    @Test
    void callFaultsAreConsumedInTheOrderAdded() {
        fx.cloud.faults().throttle("ecs:DescribeClusters", 2).serverError(null, 1);
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 4; i++) outcomes.add(outcome(() -> fx.gw.ecs().describeClusters(List.of("production"))));
        assertEquals(List.of("ThrottlingException/429", "ThrottlingException/429", "ServerException/503", "ok"), outcomes);
        assertEquals(4, fx.gw.stats().count("ecs:DescribeClusters"), "failed calls are calls too");
    }

    @Test
    void aThrottleOfOneOperationLeavesOthersAlone() {
        fx.cloud.faults().throttle("elbv2:DescribeListeners", 1);
        assertEquals("ok", outcome(() -> fx.gw.elb().describeLoadBalancers(List.of("shop-alb"))));
        CloudException e = assertThrows(CloudException.class, () -> fx.gw.elb().describeListeners("x"));
        assertEquals(CloudException.Kind.THROTTLED, e.kind());
        assertEquals(true, e.retryable());
    }

    @Test
    void theNthMutatingCallFailsWithoutChangingAnything() {
        fx.cloud.faults().failNthMutatingCall(2);
        assertEquals("ok", outcome(() -> fx.registerWeb("nginx:1")));
        assertEquals("ok", outcome(() -> fx.gw.ecs().describeTaskDefinition("web:1")), "reads do not count");
        assertEquals("ServerException/500", outcome(() -> fx.registerWeb("nginx:2")));
        assertEquals(1, fx.gw.ecs().describeTaskDefinition("web").revision(), "the failed call registered nothing");
        assertEquals("ok", outcome(() -> fx.registerWeb("nginx:2")));
        assertEquals(2, fx.gw.ecs().describeTaskDefinition("web").revision());
    }

    @Test
    void statsNameCallsByServiceAndOperation() {
        fx.gw.ecs().describeClusters(List.of("production"));
        fx.gw.elb().describeLoadBalancers(List.of("shop-alb"));
        fx.gw.route53().listHostedZonesByName("internal.shop.example.");
        fx.gw.cloudMap().listNamespaces();
        fx.gw.autoScaling().describeScalingPolicies(null);
        assertEquals(Map.of("application-autoscaling:DescribeScalingPolicies", 1L, "ecs:DescribeClusters", 1L,
                "elbv2:DescribeLoadBalancers", 1L, "route53:ListHostedZonesByName", 1L, "servicediscovery:ListNamespaces", 1L),
                fx.gw.stats().snapshot());
    }
}
