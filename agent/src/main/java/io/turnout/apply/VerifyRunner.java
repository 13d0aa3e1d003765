package io.turnout.apply;

import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.EcsTaskInfo;
import io.turnout.cloud.RunTaskRequest;
import io.turnout.plan.Verify;
import io.turnout.spec.TaskCheck;
import io.turnout.spec.Verification;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Verifies a slot before production moves to it: healthy targets and HTTP checks through the
 * stage listener ({@link SlotCheck}), then the one-off task (RunTask with the slot's task
 * definition and the check's command; it must stop with exit code 0 in time), then the bake
 * time, re-checking every {@code bakeRecheck}: a slot that turns unhealthy while baking fails.
 */
final class VerifyRunner implements StepRunner<Verify> {
    @Override
    public ObjectNode run(Verify step, StepContext ctx) {
        Verification v = step.verification();
        String cluster = ctx.environment.cluster();
        SlotCheck check = check(step, cluster);
        ctx.say("Verifying " + step.ecsServiceName() + step.targetGroupName().map(tg -> " (target group " + tg + ")").orElse(""));
        check.verify(ctx, true);
        if (v.task().isPresent()) runTask(ctx, cluster, step.ecsServiceName(), v.task().get());
        if (!v.bakeTime().isZero()) {
            Instant end = ctx.now().plus(v.bakeTime());
            ctx.say("Baking " + step.ecsServiceName() + " for " + StepContext.format(v.bakeTime()) + ", re-checking every "
                    + StepContext.format(ctx.settings.bakeRecheck()));
            while (ctx.now().isBefore(end)) {
                ctx.sleepUntilAtMost(ctx.settings.bakeRecheck(), end);
                check.verify(ctx, false);
            }
        }
        ctx.say("Verified " + step.ecsServiceName());
        return StepRunner.nothing();
    }

    static SlotCheck check(Verify step, String cluster) {
        Verification v = step.verification();
        return new SlotCheck(cluster, step.ecsServiceName(), step.targetGroupName(), step.targetGroupArn(),
                v.healthyTargets(), step.stageEndpoint(), v.httpChecks());
    }

    static void runTask(StepContext ctx, String cluster, String ecsServiceName, TaskCheck check) {
        EcsServiceInfo s = ctx.service(cluster, ecsServiceName);
        ctx.say("Running " + String.join(" ", check.command()) + " in container " + check.container() + " of "
                + AwaitSteadyStateRunner.revision(s.taskDefinitionArn()));
        EcsTaskInfo task = ctx.call(() -> ctx.cloud.ecs().runTask(new RunTaskRequest(cluster, s.taskDefinitionArn(),
                check.container(), check.command(), s.settings(), "turnout")));
        Instant deadline = ctx.now().plus(check.timeout());
        String last = null;
        while (!task.stopped()) {
            if (!ctx.now().isBefore(deadline)) {
                throw new StepFailure("the verification task " + task.arn() + " did not finish within "
                        + StepContext.format(check.timeout()) + " (" + task.lastStatus() + "); stop it in the ECS console");
            }
            if (!task.lastStatus().equals(last)) ctx.say("Verification task is " + task.lastStatus() + "…");
            last = task.lastStatus();
            ctx.sleepUntilAtMost(ctx.settings.pollInterval(), deadline);
            String arn = task.arn();
            List<EcsTaskInfo> found = ctx.call(() -> ctx.cloud.ecs().describeTasks(cluster, List.of(arn)));
            if (found.isEmpty()) throw new StepFailure("the verification task " + arn + " disappeared");
            task = found.getFirst();
        }
        EcsTaskInfo stopped = task;
        Integer exit = stopped.containers().stream().filter(c -> c.name().equals(check.container())).findFirst()
                .map(EcsTaskInfo.Container::exitCode).orElse(null);
        if (exit == null || exit != 0) {
            throw new StepFailure("the verification task (" + String.join(" ", check.command()) + ") "
                    + (exit == null ? "never ran: " + stopped.stopCode() + " " + stopped.stoppedReason()
                    : "exited with code " + exit) + "; see its logs (task " + stopped.arn() + ")");
        }
        ctx.say("Verification task exited 0");
    }
}
