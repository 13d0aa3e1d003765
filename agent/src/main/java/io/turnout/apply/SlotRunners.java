package io.turnout.apply;

import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.ScalableTargetInfo;
import io.turnout.cloud.ScalingPolicyInfo;
import io.turnout.cloud.Tags;
import io.turnout.diff.Normalizer;
import io.turnout.plan.ApplyAutoScaling;
import io.turnout.plan.Downsize;
import io.turnout.plan.MoveAutoScaling;
import io.turnout.plan.RemoveAutoScaling;
import io.turnout.plan.Retag;
import io.turnout.plan.UpdateInPlace;
import io.turnout.spec.AutoScaling;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The steps after a swap that change the slots themselves: tags, auto scaling, the old slot's size. */
final class SlotRunners {
    private SlotRunners() {}

    /**
     * BG_VERSION follows production: BLUE with the commit, spec hash and the task definition
     * ARN deployed on the new BLUE; GREEN on the other. TagResource overwrites, so re-running is safe.
     */
    static final class RetagRunner implements StepRunner<Retag> {
        @Override
        public ObjectNode run(Retag step, StepContext ctx) {
            EcsServiceInfo blue = ctx.service(step.cluster(), step.blueEcsServiceName());
            EcsServiceInfo green = ctx.service(step.cluster(), step.greenEcsServiceName());
            Map<String, String> blueTags = new TreeMap<>();
            blueTags.put(Tags.BG_VERSION, Tags.BLUE);
            blueTags.put(Tags.SPEC_HASH, step.specHash());
            blueTags.put(Tags.TASK_DEFINITION, blue.taskDefinitionArn());
            step.commit().ifPresent(c -> blueTags.put(Tags.COMMIT, c));
            ctx.say("Tagging " + blue.name() + " BLUE and " + green.name() + " GREEN");
            ctx.run(() -> ctx.cloud.ecs().tagResource(blue.arn(), blueTags));
            ctx.run(() -> ctx.cloud.ecs().tagResource(green.arn(), Map.of(Tags.BG_VERSION, Tags.GREEN)));
            return StepRunner.nothing();
        }
    }

    static final class ApplyAutoScalingRunner implements StepRunner<ApplyAutoScaling> {
        @Override
        public ObjectNode run(ApplyAutoScaling step, StepContext ctx) {
            ctx.say("Applying auto scaling to " + step.resourceId() + " (" + step.autoScaling().minCapacity() + "–"
                    + step.autoScaling().maxCapacity() + " tasks)");
            apply(ctx, step.resourceId(), step.autoScaling());
            return StepRunner.nothing();
        }
    }

    /** Registers on the new BLUE first, then deregisters the old: production is never without scaling. */
    static final class MoveAutoScalingRunner implements StepRunner<MoveAutoScaling> {
        @Override
        public ObjectNode run(MoveAutoScaling step, StepContext ctx) {
            ctx.say("Moving auto scaling from " + step.fromResourceId() + " to " + step.toResourceId());
            apply(ctx, step.toResourceId(), step.autoScaling());
            ctx.deregisterScalableTarget(step.fromResourceId());
            return StepRunner.nothing();
        }
    }

    static final class RemoveAutoScalingRunner implements StepRunner<RemoveAutoScaling> {
        @Override
        public ObjectNode run(RemoveAutoScaling step, StepContext ctx) {
            ctx.say("Removing auto scaling from " + step.resourceId());
            ctx.deregisterScalableTarget(step.resourceId());
            return StepRunner.nothing();
        }
    }

    /**
     * After the delay (rollback stays a listener swap meanwhile) and a last check that the new
     * BLUE still verifies, the old slot goes to 0 tasks; its ECS service is kept.
     */
    static final class DownsizeRunner implements StepRunner<Downsize> {
        @Override
        public ObjectNode run(Downsize step, StepContext ctx) {
            if (!step.delay().isZero()) {
                ctx.say("Keeping " + step.ecsServiceName() + " for " + StepContext.format(step.delay())
                        + " before scaling it to 0 (rollback stays instant meanwhile)");
                ctx.sleep(step.delay());
            }
            // The old slot is the instant rollback: give it up only while the new BLUE still verifies.
            ctx.productionCheck(step.service()).ifPresent(check -> {
                try {
                    check.verify(ctx, false);
                } catch (StepFailure e) {
                    throw new StepFailure("production (" + check.ecsServiceName() + ") no longer verifies, so "
                            + step.ecsServiceName() + " is kept to roll back to: " + e.getMessage(), e);
                }
            });
            ctx.say("Scaling " + step.ecsServiceName() + " to 0 tasks (kept for rollback)");
            ctx.updateService(step.cluster(), step.ecsServiceName(), Optional.empty(), Optional.of(0), Optional.empty());
            return StepRunner.nothing();
        }
    }

    static final class UpdateInPlaceRunner implements StepRunner<UpdateInPlace> {
        @Override
        public ObjectNode run(UpdateInPlace step, StepContext ctx) {
            step.desiredCount().ifPresent(n -> {
                ctx.say("Setting " + step.ecsServiceName() + " to " + StepContext.tasks(n));
                ctx.updateService(step.cluster(), step.ecsServiceName(), Optional.empty(), Optional.of(n), Optional.empty());
            });
            step.autoScaling().ifPresent(a -> {
                ctx.say("Updating auto scaling of " + step.resourceId());
                apply(ctx, step.resourceId(), a);
            });
            return StepRunner.nothing();
        }
    }

    /** RegisterScalableTarget, then PutScalingPolicy per policy (both create-or-replace). */
    static void apply(StepContext ctx, String resourceId, AutoScaling scaling) {
        ctx.run(() -> ctx.cloud.autoScaling().registerScalableTarget(
                new ScalableTargetInfo(resourceId, scaling.minCapacity(), scaling.maxCapacity())));
        for (JsonNode policy : scaling.policies()) {
            ScalingPolicyInfo info = policy(resourceId, policy);
            ctx.run(() -> ctx.cloud.autoScaling().putScalingPolicy(info));
        }
    }

    static ScalingPolicyInfo policy(String resourceId, JsonNode policy) {
        // PutScalingPolicy defaults PolicyType to StepScaling, as the normalizer assumes too.
        String type = policy.path("PolicyType").asString("StepScaling");
        return new ScalingPolicyInfo(policy.path("PolicyName").asString(), resourceId, type,
                policy.path(Normalizer.configurationField(type)));
    }
}
