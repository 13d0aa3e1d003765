package io.turnout.apply;

import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.RecordChange;
import io.turnout.cloud.ScalableTargetInfo;
import io.turnout.cloud.ScalingPolicyInfo;
import io.turnout.cloud.Tags;
import io.turnout.spec.Slot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Puts a service back the way its {@link ServiceSnapshot} says it was, after a failed step.
 *
 * <p>Before the swap production never moved: the slots are scaled back to their previous
 * task definition and count (a slot the plan created goes to 0) and stage points where it
 * pointed. After the swap: the old BLUE gets its auto scaling and tasks back (and is waited
 * for, if it had been downsized), then traffic is swapped back, then tags, auto scaling and the
 * other slot are restored. Every action is idempotent, so an interrupted rollback is run again.
 *
 * @return one line per thing put back, for the final report
 */
final class Rollback {
    private final StepContext ctx;
    private final ServiceSnapshot snapshot;
    private final String cluster;
    private final List<String> done = new ArrayList<>();

    Rollback(StepContext ctx, ServiceSnapshot snapshot) {
        this.ctx = ctx;
        this.snapshot = snapshot;
        this.cluster = ctx.environment.cluster();
    }

    List<String> run(boolean productionMoved) {
        if (snapshot.single().isPresent() && ctx.engineDeployment(snapshot.service()).isPresent()) {
            return engine(snapshot.single().get(), ctx.engineDeployment(snapshot.service()).get());
        }
        if (productionMoved && snapshot.slots().isEmpty()) {
            // A first deployment has nothing to go back to: the verified new slot keeps production.
            done.add("first deployment: production stays on the new, verified slot; fix the cause and apply again");
            return List.copyOf(done);
        }
        if (productionMoved && oldBlue().isPresent()) {
            restoreOldBlue(oldBlue().get());
        }
        restoreTraffic(productionMoved);
        if (productionMoved) {
            restoreTags();
            restoreScaling();
        }
        restoreSlots(productionMoved);
        return List.copyOf(done);
    }

    /**
     * A service of AWS's own engines: a deployment the plan started and that is still under way
     * is stopped with rollback (the follow step has done so when one of its checks failed), then
     * the service's {@code turnout:*} tags are put back, so that a plan of the previous spec is in
     * sync from the tags alone.
     */
    private List<String> engine(ServiceSnapshot.SlotState before, String deployment) {
        done.add(EngineRollback.run(ctx, before.ecsServiceName(), deployment, "the deployment failed",
                ctx.environment.deployment().steadyStateTimeout()).what());
        EcsServiceInfo now = ctx.service(cluster, before.ecsServiceName());
        if (now.taskDefinitionArn().equals(before.taskDefinitionArn())) {
            Map<String, String> tags = new TreeMap<>();
            for (String key : List.of(Tags.COMMIT, Tags.SPEC_HASH, Tags.TASK_DEFINITION, Tags.PREVIOUS_SPEC_HASH,
                    Tags.PREVIOUS_TASK_DEFINITION)) {
                if (before.tags().containsKey(key)) tags.put(key, before.tags().get(key));
            }
            if (!tags.isEmpty()) ctx.run(() -> ctx.cloud.ecs().tagResource(before.arn(), tags));
            done.add("tags restored");
        }
        return List.copyOf(done);
    }

    /**
     * The slot that served production before the deployment: where production pointed, if that
     * slot's ECS service existed. On a first deployment the prod listener may already forward
     * to slot a's target group (a load balancer is usually created with that default action)
     * while web--a does not exist yet: then slot a is the new, unverified slot, to be scaled
     * back to 0 like any other, not an old BLUE to keep.
     */
    private Optional<Slot> oldBlue() {
        return snapshot.blue().filter(snapshot.slots()::containsKey);
    }

    /** The old BLUE must serve again before traffic goes back to it. */
    private void restoreOldBlue(Slot blue) {
        ServiceSnapshot.SlotState before = snapshot.slots().get(blue);
        restoreScaling(before);
        EcsServiceInfo now = ctx.service(cluster, before.ecsServiceName());
        if (now.desiredCount() < before.desiredCount() || now.runningCount() < before.desiredCount()
                || !now.taskDefinitionArn().equals(before.taskDefinitionArn())) {
            ctx.say("Rollback: scaling " + before.ecsServiceName() + " back to " + StepContext.tasks(before.desiredCount()));
            ctx.updateService(cluster, before.ecsServiceName(), Optional.of(before.taskDefinitionArn()),
                    Optional.of(before.desiredCount()), Optional.empty());
            ctx.expect(before.ecsServiceName(), before.taskDefinitionArn());
            AwaitSteadyStateRunner.await(ctx, cluster, before.ecsServiceName(),
                    ctx.environment.deployment().steadyStateTimeout());
            done.add(before.ecsServiceName() + " scaled back to " + StepContext.tasks(before.desiredCount()));
        }
    }

    private void restoreTraffic(boolean productionMoved) {
        snapshot.elb().ifPresent(elb -> {
            if (productionMoved && elb.prodTargetGroupArn() != null) {
                ctx.say("Rollback: swapping prod listener :" + elb.prodPort() + " back to " + name(elb.prodTargetGroupArn()));
                ctx.route(elb.prodListenerArn(), elb.prodRuleArn(), elb.prodTargetGroupArn());
                done.add("production traffic swapped back to " + name(elb.prodTargetGroupArn()));
            }
            if (elb.stageTargetGroupArn() != null) {
                ctx.route(elb.stageListenerArn(), elb.stageRuleArn(), elb.stageTargetGroupArn());
            }
        });
        snapshot.dns().ifPresent(dns -> {
            if (!productionMoved || dns.records().isEmpty()) return;
            ctx.say("Rollback: restoring the weights of " + dns.records().getFirst().name() + " in one change");
            List<RecordChange> batch = dns.records().stream()
                    .map(r -> new RecordChange(RecordChange.Action.UPSERT, r)).toList();
            var change = ctx.call(() -> ctx.cloud.route53().changeResourceRecordSets(dns.hostedZoneId(), batch));
            Route53Changes.awaitInSync(ctx, change);
            done.add("DNS weights restored (" + dns.records().stream().map(r -> r.setIdentifier() + "=" + r.weight())
                    .reduce((a, b) -> a + ", " + b).orElse("") + ")");
        });
    }

    private void restoreTags() {
        for (ServiceSnapshot.SlotState slot : snapshot.slots().values()) {
            Map<String, String> tags = new TreeMap<>();
            for (String key : List.of(Tags.BG_VERSION, Tags.COMMIT, Tags.SPEC_HASH, Tags.TASK_DEFINITION)) {
                if (slot.tags().containsKey(key)) tags.put(key, slot.tags().get(key));
            }
            if (!tags.isEmpty()) ctx.run(() -> ctx.cloud.ecs().tagResource(slot.arn(), tags));
        }
        if (!snapshot.slots().isEmpty()) done.add("tags restored");
    }

    private void restoreScaling() {
        for (Slot slot : Slot.values()) {
            ServiceSnapshot.SlotState before = snapshot.slots().get(slot);
            if (before != null) {
                restoreScaling(before);
            } else {
                ctx.deregisterScalableTarget(ScalableTargetInfo.resourceId(cluster, slot.ecsServiceName(snapshot.service())));
            }
        }
    }

    private void restoreScaling(ServiceSnapshot.SlotState before) {
        String resourceId = ScalableTargetInfo.resourceId(cluster, before.ecsServiceName());
        if (before.scaling().isEmpty()) {
            ctx.deregisterScalableTarget(resourceId);
            return;
        }
        ServiceSnapshot.Scaling s = before.scaling().get();
        ctx.run(() -> ctx.cloud.autoScaling().registerScalableTarget(
                new ScalableTargetInfo(resourceId, s.minCapacity(), s.maxCapacity())));
        for (ScalingPolicyInfo p : s.policies()) ctx.run(() -> ctx.cloud.autoScaling().putScalingPolicy(p));
    }

    /** Every slot that is not the old BLUE goes back to its previous definition and count; new slots to 0. */
    private void restoreSlots(boolean productionMoved) {
        for (Slot slot : Slot.values()) {
            if (oldBlue().equals(Optional.of(slot))) continue;
            ServiceSnapshot.SlotState before = snapshot.slots().get(slot);
            String name = slot.ecsServiceName(snapshot.service());
            Optional<EcsServiceInfo> now = ctx.findService(cluster, name);
            if (now.isEmpty()) continue;
            if (before == null) {
                if (now.get().desiredCount() > 0) {
                    ctx.say("Rollback: scaling " + name + " to 0 tasks");
                    ctx.deregisterScalableTarget(ScalableTargetInfo.resourceId(cluster, name));
                    ctx.updateService(cluster, name, Optional.empty(), Optional.of(0), Optional.empty());
                    done.add(name + " scaled to 0");
                }
                continue;
            }
            if (now.get().desiredCount() != before.desiredCount()
                    || !now.get().taskDefinitionArn().equals(before.taskDefinitionArn())) {
                ctx.say("Rollback: " + name + " back to " + StepContext.tasks(before.desiredCount()) + " of "
                        + AwaitSteadyStateRunner.revision(before.taskDefinitionArn()));
                ctx.updateService(cluster, name, Optional.of(before.taskDefinitionArn()),
                        Optional.of(before.desiredCount()), Optional.empty());
                done.add(name + " back to " + StepContext.tasks(before.desiredCount()) + " of "
                        + AwaitSteadyStateRunner.revision(before.taskDefinitionArn()));
            }
        }
        if (!productionMoved) done.add("production was not touched");
    }

    private static String name(String targetGroupArn) {
        String[] parts = targetGroupArn.split("/");
        return parts.length >= 2 ? parts[parts.length - 2] : targetGroupArn;
    }
}
