package io.turnout.apply;

import io.turnout.cloud.EcsServiceInfo;
import io.turnout.plan.Verify;
import io.turnout.spec.Verification;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * Verifies a slot before production moves to it: healthy targets and HTTP checks through the
 * stage listener ({@link SlotCheck}) and its CloudWatch alarms OK ({@link AlarmWatch}), then the
 * one-off task ({@link OneOffTask}: RunTask with the slot's task definition and the check's
 * command; it must stop with exit code 0 in time), then the bake time, re-checking health and
 * alarms every {@code bakeRecheck}: a slot that turns unhealthy or an alarm that fires while
 * baking fails the step.
 */
final class VerifyRunner implements StepRunner<Verify> {
    @Override
    public ObjectNode run(Verify step, StepContext ctx) {
        Verification v = step.verification();
        String cluster = ctx.environment.cluster();
        SlotCheck check = check(step, cluster);
        ctx.say("Verifying " + step.ecsServiceName() + step.targetGroupName().map(tg -> " (target group " + tg + ")").orElse(""));
        check.verify(ctx, true);
        AlarmWatch alarms = new AlarmWatch(ctx);
        alarms.check(v.alarmGate(), "before production moves to " + step.ecsServiceName());
        if (v.task().isPresent()) {
            EcsServiceInfo s = ctx.service(cluster, step.ecsServiceName());
            OneOffTask.run(ctx, "the verification task", cluster, s.taskDefinitionArn(), v.task().get(), s.settings());
        }
        if (!v.bakeTime().isZero()) {
            Instant end = ctx.now().plus(v.bakeTime());
            ctx.say("Baking " + step.ecsServiceName() + " for " + StepContext.format(v.bakeTime()) + ", re-checking every "
                    + StepContext.format(ctx.settings.bakeRecheck()));
            while (ctx.now().isBefore(end)) {
                ctx.sleepUntilAtMost(ctx.settings.bakeRecheck(), end);
                check.verify(ctx, false);
                alarms.check(v.alarmGate(), "while " + step.ecsServiceName() + " bakes");
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
}
