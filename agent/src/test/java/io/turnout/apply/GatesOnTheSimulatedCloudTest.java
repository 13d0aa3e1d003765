package io.turnout.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.AlarmInfo;
import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.sim.SimRegion;
import io.turnout.live.LiveElb;
import io.turnout.plan.AwaitApproval;
import io.turnout.plan.Plan;
import io.turnout.plan.RunHook;
import io.turnout.plan.Step;
import io.turnout.plan.SwapTraffic;
import io.turnout.plan.Verify;
import io.turnout.plan.WatchAlarms;
import io.turnout.state.FileJournal;
import io.turnout.state.Journal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The safety nets of a deployment on specs-example's simulated world: alarms that fire while the
 * new slot bakes or after the swap roll back; a failing pre-deploy task moves nothing; an approval
 * gate pauses (approved, rejected, timed out, across a restart of the executor on a file journal).
 * The first deployment puts each service on slot b (production's listener pointed at the a target
 * groups), so the deployments here go to slot a.
 */
class GatesOnTheSimulatedCloudTest {
    private static final String ACCOUNT = "222222222222";

    @TempDir
    Path tmp;

    /** specs-example deployed once (commit c1), then web's verification given {@code verification} lines and a new image. */
    private SimWorld deployedThenChanged(String verificationLines) {
        SimWorld world = new SimWorld(tmp, "production");
        ApplyResult first = world.apply("c1");
        assertTrue(first.succeeded(), () -> first + "\n" + String.join("\n", world.lines));
        world.replaceIn("services/web/service.yaml", "        bakeTime: 1m\n", "        bakeTime: 1m\n" + verificationLines);
        world.replaceIn("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28");
        return world;
    }

    private SimRegion region(SimWorld world) {
        return world.cloud.region(ACCOUNT, "eu-west-1");
    }

    private static ApplyResult apply(SimWorld world, Journal journal, Consumer<Step> onStart, Consumer<Step> onEnd) {
        Plan plan = world.plan("c2");
        Progress hooks = new Progress() {
            @Override
            public void line(String message) {
            }

            @Override
            public void stepStarted(int index, Step step) {
                onStart.accept(step);
            }

            @Override
            public void stepFinished(int index, Step step) {
                onEnd.accept(step);
            }
        };
        return world.executor(hooks).journal(journal).build().apply(plan, world.live());
    }

    private static String blueOf(SimWorld world, String service) {
        return world.live().service(service).orElseThrow().blue().orElseThrow().id();
    }

    private EcsServiceInfo ecs(SimWorld world, String name) {
        return world.gateway().ecs().describeServices("production", List.of(name)).services().getFirst();
    }

    @Test
    void anAlarmThatFiresWhileTheNewSlotBakesRollsBackBeforeTheSwap() {
        SimWorld world = deployedThenChanged("        alarms: [web-5xx-rate]\n");
        region(world).addAlarm("web-5xx-rate", AlarmInfo.OK);
        ApplyResult result = apply(world, world.journal, step -> {
            if (step instanceof Verify v && v.service().equals("web")) {
                region(world).setAlarmState("web-5xx-rate", AlarmInfo.ALARM, world.clock.instant().plusSeconds(20),
                        "Threshold Crossed: 5xx rate 7% > 1%");
            }
        }, step -> { });

        assertEquals(ApplyResult.Status.ROLLED_BACK, result.status(), result::toString);
        String all = String.join("\n", result.messages());
        assertTrue(all.contains("alarm web-5xx-rate is in ALARM while web--a bakes") && all.contains("5xx rate 7%"), all);
        assertTrue(all.contains("production was not touched"), all);
        assertEquals("b", blueOf(world, "web"), "production never moved");
        assertEquals(0, ecs(world, "web--a").desiredCount(), "GREEN scaled back");
        assertTrue(world.gateway().stats().count("cloudwatch:DescribeAlarms") >= 2, "checked before and during the bake");
        Invariants.check(world);
    }

    @Test
    void anAlarmThatFiresAfterTheSwapSwapsProductionBack() {
        SimWorld world = deployedThenChanged("        alarms: [web-5xx-rate, web-p99-latency]\n        watchAfterSwap: 10m\n");
        region(world).addAlarm("web-5xx-rate", AlarmInfo.OK).addAlarm("web-p99-latency", AlarmInfo.OK);
        assertTrue(world.plan("c2").services().stream().flatMap(s -> s.steps().stream())
                .anyMatch(s -> s instanceof WatchAlarms w && w.window().equals(Duration.ofMinutes(10))), "the plan shows the watch");
        ApplyResult result = apply(world, world.journal, step -> { }, step -> {
            if (step instanceof SwapTraffic) {
                region(world).setAlarmState("web-p99-latency", AlarmInfo.ALARM, world.clock.instant().plus(Duration.ofMinutes(3)),
                        "p99 latency 2.4 s > 1 s");
            }
        });

        assertEquals(ApplyResult.Status.ROLLED_BACK, result.status(), result::toString);
        String all = String.join("\n", result.messages());
        assertTrue(all.contains("alarm web-p99-latency is in ALARM after production moved to web--a"), all);
        assertTrue(all.contains("production traffic swapped back to web-b"), all);
        assertEquals("b", blueOf(world, "web"));
        Invariants.check(world);
    }

    @Test
    void insufficientDataAndMissingAlarmsFailClosedUnlessTheSpecIgnoresThem() {
        SimWorld world = deployedThenChanged("        alarms: [web-5xx-rate, never-created]\n");
        region(world).addAlarm("web-5xx-rate", AlarmInfo.INSUFFICIENT_DATA);
        ApplyResult closed = apply(world, world.journal, s -> { }, s -> { });
        assertEquals(ApplyResult.Status.ROLLED_BACK, closed.status());
        assertTrue(String.join("\n", closed.messages()).contains("alarm never-created does not exist"), closed::toString);

        world.replaceIn("services/web/service.yaml", "        alarms: [web-5xx-rate, never-created]\n",
                "        alarms: [web-5xx-rate, never-created]\n        onMissingData: ignore\n");
        ApplyResult open = apply(world, world.journal, s -> { }, s -> { });
        assertTrue(open.succeeded(), () -> open + "\n" + String.join("\n", world.lines));
        assertEquals("a", blueOf(world, "web"));
    }

    @Test
    void aFailingPreDeployTaskMovesNothingAndSaysHowItEnded() {
        SimWorld world = deployedThenChanged("");
        world.replaceIn("services/web/service.yaml", "  strategy:\n",
                "  hooks:\n    beforeDeploy: {container: web, command: [bin/migrate, --all], timeout: 2m}\n  strategy:\n");
        Plan plan = world.plan("c2");
        List<Step> steps = plan.services().stream().filter(s -> s.service().equals("web")).findFirst().orElseThrow().steps();
        assertTrue(steps.get(1) instanceof RunHook, "registered, then the pre-deploy task, then GREEN: " + steps);
        EcsServiceInfo greenBefore = ecs(world, "web--a");

        world.cloud.faults().failOneOffTasks("web", 3);
        ApplyResult exited = world.apply("c2");
        assertEquals(ApplyResult.Status.ROLLED_BACK, exited.status());
        assertTrue(String.join("\n", exited.messages()).contains("the pre-deploy task (bin/migrate --all) exited with code 3"),
                exited::toString);
        assertNothingMoved(world, greenBefore);

        world.cloud.faults().stopOneOffTasks("web", "CannotPullContainerError: pull access denied");
        ApplyResult stopped = world.apply("c2");
        assertTrue(String.join("\n", stopped.messages()).contains("stopped before its container ran: TaskFailedToStart:"
                + " CannotPullContainerError"), stopped::toString);
        assertNothingMoved(world, greenBefore);

        world.cloud.faults().hangOneOffTasks("web");
        ApplyResult hung = world.apply("c2");
        assertTrue(String.join("\n", hung.messages()).contains("did not finish within 2m"), hung::toString);
        assertNothingMoved(world, greenBefore);

        world.cloud.faults().restoreOneOffTasks("web");
        ApplyResult fine = world.apply("c2");
        assertTrue(fine.succeeded(), fine::toString);
        assertEquals("a", blueOf(world, "web"));
    }

    private void assertNothingMoved(SimWorld world, EcsServiceInfo greenBefore) {
        EcsServiceInfo green = ecs(world, "web--a");
        assertEquals(greenBefore.desiredCount(), green.desiredCount(), "GREEN never scaled up");
        assertEquals(greenBefore.taskDefinitionArn(), green.taskDefinitionArn(), "GREEN never updated");
        assertEquals("b", blueOf(world, "web"), "production untouched");
    }

    @Test
    void anApprovedDeploymentMovesProductionOnlyOnceApprovedAndSurvivesARestart() {
        SimWorld world = deployedThenChanged("        approval: required\n        approvalTimeout: 2h\n");
        world.replaceIn("services/api/api.taskdef.yaml", "python:3.13-slim", "python:3.14-slim");
        Journal journal = new FileJournal(tmp.resolve("data"), "production");
        ApplyResult paused = apply(world, journal, s -> { }, s -> { });

        assertEquals(ApplyResult.Status.PAUSED, paused.status(), paused::toString);
        assertTrue(paused.messages().getFirst().startsWith("web: waiting for approval to move production to web--a"), paused::toString);
        assertEquals("b", blueOf(world, "web"), "production untouched while waiting");
        assertTrue(ecs(world, "web--a").runningCount() > 0, "GREEN verified and running");
        assertEquals("a", blueOf(world, "api"), "the other services went on");

        // a restart: a new executor on the same journal file still waits
        Optional<ApplyResult> stillWaiting = world.executor(Progress.silent()).journal(new FileJournal(tmp.resolve("data"), "production"))
                .build().recover();
        assertEquals(ApplyResult.Status.PAUSED, stillWaiting.orElseThrow().status());

        world.clock.advance(Duration.ofMinutes(30));
        JournalApprovals.record(new FileJournal(tmp.resolve("data"), "production"),
                new JournalApprovals.Entry(JournalApprovals.GATE, "c2", Optional.empty(), true, "alice", world.clock.instant()));
        ApplyResult approved = world.executor(Progress.silent()).journal(new FileJournal(tmp.resolve("data"), "production"))
                .build().recover().orElseThrow();

        assertTrue(approved.succeeded(), () -> approved + "\n" + String.join("\n", world.lines));
        assertTrue(approved.approvals().getFirst().startsWith("web: approved by alice"), approved::toString);
        assertEquals("a", blueOf(world, "web"));
        Invariants.check(world);
    }

    @Test
    void aRejectedDeploymentIsRolledBackWithProductionUntouched() {
        SimWorld world = deployedThenChanged("        approval: required\n");
        assertEquals(ApplyResult.Status.PAUSED, apply(world, world.journal, s -> { }, s -> { }).status());
        JournalApprovals.record(world.journal, new JournalApprovals.Entry(JournalApprovals.GATE, "c2", Optional.empty(), false,
                "bob", world.clock.instant()));
        ApplyResult rejected = world.executor(Progress.silent()).build().recover().orElseThrow();

        assertEquals(ApplyResult.Status.ROLLED_BACK, rejected.status(), rejected::toString);
        assertTrue(String.join("\n", rejected.messages()).contains("rejected by bob"), rejected::toString);
        assertEquals("b", blueOf(world, "web"));
        assertEquals(0, ecs(world, "web--a").desiredCount(), "GREEN scaled back");
        Invariants.check(world);
    }

    @Test
    void aDeploymentNobodyApprovesInTimeIsRolledBack() {
        SimWorld world = deployedThenChanged("        approval: required\n        approvalTimeout: 1h\n");
        Plan plan = world.plan("c2");
        assertTrue(plan.services().stream().flatMap(s -> s.steps().stream())
                .anyMatch(s -> s instanceof AwaitApproval a && a.timeout().equals(Duration.ofHours(1))), "the plan shows the gate");
        assertEquals(ApplyResult.Status.PAUSED, apply(world, world.journal, s -> { }, s -> { }).status());
        world.clock.advance(Duration.ofMinutes(59));
        assertEquals(ApplyResult.Status.PAUSED, world.executor(Progress.silent()).build().recover().orElseThrow().status());
        world.clock.advance(Duration.ofMinutes(2));
        ApplyResult timedOut = world.executor(Progress.silent()).build().recover().orElseThrow();

        assertEquals(ApplyResult.Status.ROLLED_BACK, timedOut.status(), timedOut::toString);
        assertTrue(String.join("\n", timedOut.messages()).contains("not approved within 1h"), timedOut::toString);
        assertEquals("b", blueOf(world, "web"));
        Invariants.check(world);
    }

    @Test
    void aFirstDeploymentRunsThePreDeployTaskAndWaitsForApprovalBeforeProductionMoves() {
        SimWorld world = new SimWorld(tmp, "production");
        world.replaceIn("services/web/service.yaml", "        bakeTime: 1m\n", "        bakeTime: 1m\n        approval: required\n");
        world.replaceIn("services/web/service.yaml", "  strategy:\n",
                "  hooks:\n    beforeDeploy: {container: web, command: [bin/migrate], timeout: 2m}\n  strategy:\n");
        List<Step> steps = world.plan("c1").services().stream().filter(s -> s.service().equals("web")).findFirst()
                .orElseThrow().steps();
        List<String> kinds = steps.stream().map(s -> s.getClass().getSimpleName()).toList();
        assertTrue(kinds.indexOf("RunHook") == 1 && kinds.indexOf("RunHook") < kinds.indexOf("CreateSlot"),
                "registered, then the pre-deploy task, then the new slot: " + kinds);
        assertTrue(kinds.indexOf("Verify") < kinds.indexOf("AwaitApproval")
                && kinds.indexOf("AwaitApproval") < kinds.indexOf("SwapTraffic"), "verified, approved, then swapped: " + kinds);

        ApplyResult paused = world.apply("c1");
        assertEquals(ApplyResult.Status.PAUSED, paused.status(), paused::toString);
        assertTrue(paused.messages().getFirst().startsWith("web: waiting for approval to move production to web--b"),
                paused::toString);
        assertTrue(ecs(world, "web--b").runningCount() > 0, "the new slot verified and running");
        LiveElb elb = (LiveElb) world.live().service("web").orElseThrow().traffic().orElseThrow();
        assertTrue(world.gateway().elb().describeTargetHealth(elb.prodTargetGroupArn()).isEmpty(),
                "no unverified task behind production while waiting");
    }
}
