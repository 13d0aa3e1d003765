package io.turnout.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.AlarmInfo;
import io.turnout.cloud.EcsServiceInfo;
import io.turnout.plan.CreateCanary;
import io.turnout.plan.Plan;
import io.turnout.plan.RemoveCanary;
import io.turnout.plan.RollingUpdate;
import io.turnout.plan.Step;
import io.turnout.plan.VerifyCanary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A rolling worker (specs-example's mailer) with a canary: one task of the new version in
 * {@code mailer--canary}, verified, removed, then the rolling update; a failed canary is removed
 * and mailer is left as it was. Its alarms also go to ECS's own alarm-based rollback.
 */
class CanaryOnTheSimulatedCloudTest {
    @TempDir
    Path tmp;

    private SimWorld deployedWithCanary() {
        SimWorld world = new SimWorld(tmp, "production");
        assertTrue(world.apply("c1").succeeded());
        world.replaceIn("services/mailer/service.yaml", "      maximumPercent: 200\n",
                "      maximumPercent: 200\n      canary: {tasks: 1, bakeTime: 5m}\n      verification:\n        alarms: [mailer-errors]\n");
        world.replaceIn("services/mailer/service.yaml", "busybox:1.37", "busybox:1.36");
        world.cloud.region("222222222222", "eu-west-1").addAlarm("mailer-errors", AlarmInfo.OK);
        return world;
    }

    private static List<EcsServiceInfo> describe(SimWorld world, String name) {
        return world.gateway().ecs().describeServices("production", List.of(name)).services().stream()
                .filter(s -> "ACTIVE".equals(s.status())).toList();
    }

    @Test
    void aCanaryIsStartedVerifiedRemovedAndThenTheServiceRolled() {
        SimWorld world = deployedWithCanary();
        Plan plan = world.plan("c2");
        List<Step> steps = plan.services().stream().filter(s -> s.service().equals("mailer")).findFirst().orElseThrow().steps();
        List<Class<?>> kinds = steps.stream().<Class<?>>map(Object::getClass).toList();
        assertTrue(kinds.indexOf(CreateCanary.class) < kinds.indexOf(VerifyCanary.class)
                && kinds.indexOf(VerifyCanary.class) < kinds.indexOf(RemoveCanary.class)
                && kinds.indexOf(RemoveCanary.class) < kinds.indexOf(RollingUpdate.class), kinds.toString());
        JsonNode ecsAlarms = steps.stream().filter(s -> s instanceof RollingUpdate).map(s -> ((RollingUpdate) s).settings())
                .findFirst().orElseThrow().at("/deploymentConfiguration/alarms");
        assertEquals("mailer-errors", ecsAlarms.at("/alarmNames/0").asString(), "ECS's alarm rollback gets the same alarms");
        assertTrue(ecsAlarms.path("enable").asBoolean());

        ApplyResult result = world.apply("c2");
        assertTrue(result.succeeded(), () -> result + "\n" + String.join("\n", world.lines));
        assertTrue(describe(world, "mailer--canary").isEmpty(), "the canary is gone");
        assertTrue(describe(world, "mailer").getFirst().taskDefinitionArn().endsWith("mailer:2"), "mailer rolled to the new version");
        SimDeploymentTest.assertInSync(world);
    }

    @Test
    void aCanaryWhoseAlarmFiresIsRemovedAndTheServiceLeftAsItWas() {
        SimWorld world = deployedWithCanary();
        EcsServiceInfo before = describe(world, "mailer").getFirst();
        Progress fireDuringBake = new Progress() {
            @Override
            public void line(String message) {
            }

            @Override
            public void stepStarted(int index, Step step) {
                if (step instanceof VerifyCanary) {
                    world.cloud.region("222222222222", "eu-west-1").setAlarmState("mailer-errors", AlarmInfo.ALARM,
                            world.clock.instant().plusSeconds(90), "errors 12 > 0");
                }
            }
        };
        ApplyResult result = world.executor(fireDuringBake).build().apply(world.plan("c2"), world.live());

        assertEquals(ApplyResult.Status.ROLLED_BACK, result.status(), result::toString);
        String all = String.join("\n", result.messages());
        assertTrue(all.contains("alarm mailer-errors is in ALARM while the canary mailer--canary runs"), all);
        assertTrue(all.contains("canary mailer--canary removed"), all);
        assertTrue(describe(world, "mailer--canary").isEmpty(), "the canary is gone");
        EcsServiceInfo after = describe(world, "mailer").getFirst();
        assertEquals(before.taskDefinitionArn(), after.taskDefinitionArn(), "mailer left as it was");
        assertEquals(before.desiredCount(), after.desiredCount());
    }

    @Test
    void aCanaryWhoseTasksCannotStartIsRemoved() {
        SimWorld world = deployedWithCanary();
        EcsServiceInfo before = describe(world, "mailer").getFirst();
        world.cloud.faults().failTaskStarts("mailer--canary");
        ApplyResult result = world.apply("c2");

        assertEquals(ApplyResult.Status.ROLLED_BACK, result.status(), result::toString);
        assertTrue(describe(world, "mailer--canary").isEmpty(), "the canary is gone");
        assertEquals(before.taskDefinitionArn(), describe(world, "mailer").getFirst().taskDefinitionArn(), "mailer left as it was");
    }
}
