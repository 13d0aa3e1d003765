package io.turnout.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.Tags;
import io.turnout.cloud.TargetHealthInfo;
import io.turnout.live.LiveElb;
import io.turnout.live.LiveService;
import io.turnout.live.LiveSlot;
import io.turnout.live.LiveState;
import io.turnout.spec.Slot;
import java.util.List;

/**
 * DESIGN.md's invariants as assertions on a simulated world: production only on a slot that
 * is steady, runs tasks and (ELB) has only healthy targets; at most two ECS services per
 * blue/green service; BG_VERSION agrees with where production points.
 */
final class Invariants {
    private Invariants() {}

    static void check(SimWorld world) {
        LiveState live = world.live();
        CloudGateway gw = world.gateway();
        List<String> all = gw.ecs().listServices(live.cluster());
        for (LiveService service : live.services().values()) {
            if (service.traffic().isEmpty()) continue;
            long count = all.stream().filter(arn -> arn.substring(arn.lastIndexOf('/') + 1)
                    .startsWith(service.name() + "--")).count();
            assertTrue(count <= 2, service.name() + " has " + count + " ECS services");
            if (service.a().isEmpty() && service.b().isEmpty()) continue;
            Slot blue = service.blue().orElseThrow(() -> new AssertionError(service.name() + ": production points at no slot"));
            LiveSlot blueSlot = service.slot(blue).orElseThrow();
            EcsServiceInfo s = blueSlot.service();
            assertTrue(s.steady() && s.runningCount() > 0, service.name() + ": production on " + s.name()
                    + " which is not serving: " + s.runningCount() + "/" + s.desiredCount() + " " + s.deployments());
            if (service.traffic().get() instanceof LiveElb elb) {
                List<TargetHealthInfo> health = gw.elb().describeTargetHealth(elb.prodTargetGroupArn());
                assertTrue(!health.isEmpty() && health.stream().allMatch(TargetHealthInfo::healthy),
                        service.name() + ": production target group has unhealthy targets " + health);
            }
            assertEquals(Tags.BLUE, s.tags().get(Tags.BG_VERSION), service.name() + ": BLUE tag on the production slot");
            service.slot(blue.other()).ifPresent(g -> assertEquals(Tags.GREEN, g.service().tags().get(Tags.BG_VERSION),
                    service.name() + ": GREEN tag on the idle slot"));
        }
    }
}
