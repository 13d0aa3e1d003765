package io.turnout.apply;

import io.turnout.cloud.ChangeInfo;
import io.turnout.cloud.RecordChange;
import io.turnout.cloud.RecordSetInfo;
import io.turnout.plan.PointStage;
import io.turnout.plan.ShiftWeights;
import io.turnout.plan.SwapTraffic;
import io.turnout.plan.WeightedRecord;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** The steps that move traffic: stage before verification, production on the swap, DNS weights. */
final class TrafficRunners {
    private TrafficRunners() {}

    /** Stage forwards to the slot about to be verified; production is not touched. */
    static final class PointStageRunner implements StepRunner<PointStage> {
        @Override
        public ObjectNode run(PointStage step, StepContext ctx) {
            ctx.say("Pointing stage " + step.stage().describe() + " at " + step.targetGroupName() + " for verification");
            ctx.route(step.stage(), step.targetGroupArn());
            return StepRunner.nothing();
        }
    }

    /**
     * The ELB swap: prod first (the verified slot takes production), then stage (the old
     * slot, kept for an instant rollback). ModifyListener/ModifyRule with the same target
     * group again is a no-op, so the step is idempotent.
     */
    static final class SwapTrafficRunner implements StepRunner<SwapTraffic> {
        @Override
        public ObjectNode run(SwapTraffic step, StepContext ctx) {
            ctx.say("Swapping prod " + step.prod().describe() + " to " + step.prodTargetGroupName());
            ctx.route(step.prod(), step.prodTargetGroupArn());
            ctx.say("Swapping stage " + step.stage().describe() + " to " + step.stageTargetGroupName());
            ctx.route(step.stage(), step.stageTargetGroupArn());
            return StepRunner.nothing();
        }
    }

    /**
     * DNS: both weighted records in ONE ChangeResourceRecordSets batch (so resolvers never see
     * both at 0 or both at 100), then GetChange until INSYNC, then the bake time with the new
     * slot re-checked. UPSERT makes it idempotent.
     */
    static final class ShiftWeightsRunner implements StepRunner<ShiftWeights> {
        @Override
        public ObjectNode run(ShiftWeights step, StepContext ctx) {
            ctx.say("Setting weights of " + step.recordName() + ": slot " + step.to().slot().id() + "=" + step.to().weight()
                    + ", slot " + step.from().slot().id() + "=" + step.from().weight() + " (one atomic change)");
            List<RecordChange> batch = List.of(upsert(step, step.to()), upsert(step, step.from()));
            ChangeInfo change = ctx.call(() -> ctx.cloud.route53().changeResourceRecordSets(step.hostedZoneId(), batch));
            awaitInSync(ctx, change);
            if (!step.bakeTime().isZero()) {
                // the slot verified before the weights moved (its Verify step names its ECS service)
                String ecsName = ctx.productionCheck(step.service()).map(SlotCheck::ecsServiceName)
                        .orElse(step.to().slot().ecsServiceName(step.service()));
                SlotCheck check = new SlotCheck(ctx.environment.cluster(), ecsName, java.util.Optional.empty(),
                        java.util.Optional.empty(), false, java.util.Optional.empty(), List.of());
                ctx.say("Baking " + ecsName + " at weight " + step.to().weight() + " for " + StepContext.format(step.bakeTime()));
                Instant end = ctx.now().plus(step.bakeTime());
                while (ctx.now().isBefore(end)) {
                    ctx.sleepUntilAtMost(ctx.settings.bakeRecheck(), end);
                    check.verify(ctx, false);
                }
            }
            return StepRunner.nothing();
        }

        private static RecordChange upsert(ShiftWeights step, WeightedRecord r) {
            return new RecordChange(RecordChange.Action.UPSERT, new RecordSetInfo(step.recordName(), "CNAME",
                    r.setIdentifier(), r.weight(), step.ttl(), List.of(r.value())));
        }
    }

    static void awaitInSync(StepContext ctx, ChangeInfo change) {
        Instant deadline = ctx.now().plus(ctx.settings.dnsSyncTimeout());
        ChangeInfo current = change;
        boolean said = false;
        while (!current.inSync()) {
            if (!ctx.now().isBefore(deadline)) {
                throw new StepFailure("Route 53 change " + change.id() + " is still " + current.status() + " after "
                        + StepContext.format(ctx.settings.dnsSyncTimeout()));
            }
            if (!said) ctx.say("Waiting for Route 53 change " + change.id() + " to be INSYNC…");
            said = true;
            ctx.sleepUntilAtMost(ctx.settings.pollInterval(), deadline);
            current = ctx.call(() -> ctx.cloud.route53().getChange(change.id()));
        }
    }
}
