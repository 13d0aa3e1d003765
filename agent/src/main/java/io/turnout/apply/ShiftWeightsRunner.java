package io.turnout.apply;

import io.turnout.cloud.ChangeInfo;
import io.turnout.cloud.RecordChange;
import io.turnout.cloud.RecordSetInfo;
import io.turnout.plan.ShiftWeights;
import io.turnout.plan.WeightedRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * DNS: both weighted records in ONE ChangeResourceRecordSets batch (so resolvers never see
 * both at 0 or both at 100), then GetChange until INSYNC, then the bake time with the new
 * slot re-checked. UPSERT makes it idempotent.
 */
final class ShiftWeightsRunner implements StepRunner<ShiftWeights> {
    @Override
    public ObjectNode run(ShiftWeights step, StepContext ctx) {
        ctx.say("Setting weights of " + step.recordName() + ": slot " + step.to().slot().id() + "=" + step.to().weight()
                + ", slot " + step.from().slot().id() + "=" + step.from().weight() + " (one atomic change)");
        List<RecordChange> batch = List.of(upsert(step, step.to()), upsert(step, step.from()));
        ChangeInfo change = ctx.call(() -> ctx.cloud.route53().changeResourceRecordSets(step.hostedZoneId(), batch));
        Route53Changes.awaitInSync(ctx, change);
        if (!step.bakeTime().isZero()) {
            // the slot verified before the weights moved (its Verify step names its ECS service)
            String ecsName = ctx.productionCheck(step.service()).map(SlotCheck::ecsServiceName)
                    .orElse(step.to().slot().ecsServiceName(step.service()));
            SlotCheck check = new SlotCheck(ctx.environment.cluster(), ecsName, Optional.empty(),
                    Optional.empty(), false, Optional.empty(), List.of());
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
