package io.turnout.cloud.sim;

import static io.turnout.cloud.sim.SimEcsTest.assertError;
import static io.turnout.cloud.sim.SimEcsTest.update;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.turnout.cloud.ScalableTargetInfo;
import io.turnout.cloud.ScalingPolicyInfo;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimAutoScalingTest {
    private final SimFixture fx = new SimFixture();
    private final String resourceId = ScalableTargetInfo.resourceId("production", "web--a");

    private ScalingPolicyInfo cpuPolicy() {
        return new ScalingPolicyInfo("cpu-60", resourceId, "TargetTrackingScaling", SimFixture.json(
                "{\"TargetValue\": 60, \"PredefinedMetricSpecification\": {\"PredefinedMetricType\": \"ECSServiceAverageCPUUtilization\"}}"));
    }

    @Test
    void targetsNeedAServiceAndPoliciesNeedATarget() {
        assertError("ValidationException", () -> fx.gw.autoScaling().registerScalableTarget(new ScalableTargetInfo(resourceId, 2, 10)));
        assertError("ObjectNotFoundException", () -> fx.gw.autoScaling().putScalingPolicy(cpuPolicy()));
        assertError("ObjectNotFoundException", () -> fx.gw.autoScaling().deregisterScalableTarget(resourceId));
        assertError("ObjectNotFoundException", () -> fx.gw.autoScaling().deleteScalingPolicy("cpu-60", resourceId));
        assertError("ValidationException", () -> fx.gw.autoScaling().describeScalableTargets(
                IntStream.range(0, 51).mapToObj(i -> "service/production/s" + i).toList()));
    }

    @Test
    void scalableTargetsBoundTheDesiredCountAndTakeTheirPoliciesWithThem() {
        var td = fx.registerWeb("nginx:1");
        fx.gw.ecs().createService(fx.webService("web--a", td.arn(), 1, "web-a", SimFixture.fargateSettings()));
        fx.gw.autoScaling().registerScalableTarget(new ScalableTargetInfo(resourceId, 2, 10));
        fx.gw.autoScaling().putScalingPolicy(cpuPolicy());
        assertEquals(List.of(new ScalableTargetInfo(resourceId, 2, 10)), fx.gw.autoScaling().describeScalableTargets(List.of(resourceId)));
        assertEquals(List.of("cpu-60"), fx.gw.autoScaling().describeScalingPolicies(null).stream().map(ScalingPolicyInfo::policyName).toList());
        assertEquals(60, fx.gw.autoScaling().describeScalingPolicies(resourceId).getFirst().configuration().get("TargetValue").asInt());

        assertEquals(2, fx.gw.ecs().describeServices("production", List.of("web--a")).services().getFirst().desiredCount(),
                "raised to the target's minimum");
        assertEquals(2, fx.gw.ecs().updateService(update("web--a", Optional.empty(), Optional.of(0))).desiredCount(),
                "a slot with a scalable target cannot be downsized below its minimum");

        fx.gw.autoScaling().deregisterScalableTarget(resourceId);
        assertEquals(List.of(), fx.gw.autoScaling().describeScalingPolicies(null));
        assertEquals(0, fx.gw.ecs().updateService(update("web--a", Optional.empty(), Optional.of(0))).desiredCount());
    }
}
