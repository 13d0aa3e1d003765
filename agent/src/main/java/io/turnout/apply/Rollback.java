package io.turnout.apply;

import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.RecordChange;
import io.turnout.cloud.ScalableTargetInfo;
import io.turnout.cloud.ScalingPolicyInfo;
import io.turnout.cloud.Tags;
import io.turnout.plan.CreateCanary;
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
 * task definition and count (a slot the plan created goes to 0, and only then loses the auto
 * scaling the deployment may have given it) and stage points where it pointed. After the swap:
 * the old BLUE gets its auto scaling and tasks back (and is waited for, if it had been downsized),
 * then traffic is swapped back, then tags, auto scaling and the other slot are restored. Every
 * action is idempotent, so an interrupted rollback is run again.
 *
 * <p>One failed call does not skip the others: each action is tried, what failed is collected, and
 * the rollback then fails naming all of it (and what was put back). Only what depends on a failed
 * action is left out: while production cannot go back to the old BLUE, the slot it points at keeps
 * running.
 */
final class Rollback {
    private final StepContext ctx;
    private final ServiceSnapshot snapshot;
    private final String cluster;
    private final List<String> done = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();

    Rollback(StepContext ctx, ServiceSnapshot snapshot) {
        this.ctx = ctx;
        this.snapshot = snapshot;
        this.cluster = ctx.environment.cluster();
    }

    /**
     * @return one line per thing put back, for the final report
     * @throws StepFailure when something could not be put back, naming every failure and what was put back
     */
    List<String> run(boolean productionMoved) {
        if (snapshot.single().isPresent() && ctx.engineDeployment(snapshot.service()).isPresent()) {
            return engine(snapshot.single().get(), ctx.engineDeployment(snapshot.service()).get());
        }
        if (snapshot.rolling()) {
            restoreRolling();
            return List.copyOf(done);
        }
        if (productionMoved && oldBlue().isEmpty()) {
            // A first deployment has nothing to go back to (no slot served production before): the
            // verified new slot keeps production.
            done.add("first deployment: production stays on the new, verified slot; fix the cause and apply again");
            return List.copyOf(done);
        }
        if (productionMoved && oldBlue().isPresent()) {
            Slot blue = oldBlue().get();
            ServiceSnapshot.SlotState before = snapshot.slots().get(blue);
            attempt("restore the auto scaling of " + before.ecsServiceName(), () -> restoreScaling(before));
            if (!attempt("scale " + before.ecsServiceName() + " back up", () -> restoreOldBlue(before))) {
                // the old BLUE cannot serve: production stays on the slot it points at, verified before the swap
                done.add("production stays on " + snapshot.slotName(blue.other()));
                return report();
            }
        }
        boolean productionBack = restoreTraffic(productionMoved);
        if (productionMoved) {
            restoreTags();
            restoreScaling();
        }
        restoreSlots(productionMoved, productionBack);
        return report();
    }

    /** Runs {@code action}; a failure is collected (and the rest of the rollback goes on). */
    private boolean attempt(String what, Runnable action) {
        try {
            action.run();
            return true;
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            failed.add("could not " + what + ": " + reason);
            ctx.say("Rollback: could not " + what + " (" + reason + "); going on with the rest");
            return false;
        }
    }

    private List<String> report() {
        if (failed.isEmpty()) return List.copyOf(done);
        throw new StepFailure(String.join("; ", failed) + (done.isEmpty() ? "" : "; put back: " + String.join(", ", done)));
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
    private void restoreOldBlue(ServiceSnapshot.SlotState before) {
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

    /** Puts production and stage back; whether production is where it was (true when it never moved). */
    private boolean restoreTraffic(boolean productionMoved) {
        boolean back = true;
        if (snapshot.elb().isPresent()) {
            ServiceSnapshot.ElbRoutes elb = snapshot.elb().get();
            if (productionMoved && elb.prodTargetGroupArn() != null) {
                back = attempt("swap the prod listener :" + elb.prodPort() + " back to " + name(elb.prodTargetGroupArn()), () -> {
                    ctx.say("Rollback: swapping prod listener :" + elb.prodPort() + " back to " + name(elb.prodTargetGroupArn()));
                    ctx.route(elb.prodListenerArn(), elb.prodRuleArn(), elb.prodTargetGroupArn());
                    done.add("production traffic swapped back to " + name(elb.prodTargetGroupArn()));
                });
            }
            if (elb.stageTargetGroupArn() != null) {
                attempt("point the stage listener :" + elb.stagePort() + " back at " + name(elb.stageTargetGroupArn()),
                        () -> ctx.route(elb.stageListenerArn(), elb.stageRuleArn(), elb.stageTargetGroupArn()));
            }
        }
        if (snapshot.dns().isPresent() && productionMoved && !snapshot.dns().get().records().isEmpty()) {
            ServiceSnapshot.DnsRecords dns = snapshot.dns().get();
            back &= attempt("restore the weights of " + dns.records().getFirst().name(), () -> {
                ctx.say("Rollback: restoring the weights of " + dns.records().getFirst().name() + " in one change");
                List<RecordChange> batch = dns.records().stream()
                        .map(r -> new RecordChange(RecordChange.Action.UPSERT, r)).toList();
                var change = ctx.call(() -> ctx.cloud.route53().changeResourceRecordSets(dns.hostedZoneId(), batch));
                Route53Changes.awaitInSync(ctx, change);
                done.add("DNS weights restored (" + dns.records().stream().map(r -> r.setIdentifier() + "=" + r.weight())
                        .reduce((a, b) -> a + ", " + b).orElse("") + ")");
            });
        }
        return back;
    }

    private void restoreTags() {
        boolean all = true;
        for (Slot id : Slot.values()) {
            ServiceSnapshot.SlotState slot = snapshot.slots().get(id);
            if (slot == null) continue;
            Map<String, String> tags = new TreeMap<>();
            for (String key : List.of(Tags.BG_VERSION, Tags.COMMIT, Tags.SPEC_HASH, Tags.TASK_DEFINITION)) {
                if (slot.tags().containsKey(key)) tags.put(key, slot.tags().get(key));
            }
            if (!tags.isEmpty()) {
                all &= attempt("restore the tags of " + slot.ecsServiceName(), () -> ctx.run(() -> ctx.cloud.ecs().tagResource(slot.arn(), tags)));
            }
        }
        if (!snapshot.slots().isEmpty() && all) done.add("tags restored");
    }

    /**
     * The auto scaling of the other slot that existed (the old BLUE's was restored first); a slot the
     * plan created loses its own once it is scaled to 0 ({@link #restoreSlots}).
     */
    private void restoreScaling() {
        for (Slot slot : Slot.values()) {
            ServiceSnapshot.SlotState before = snapshot.slots().get(slot);
            if (before != null && !oldBlue().equals(Optional.of(slot))) attempt("restore the auto scaling of " + before.ecsServiceName(), () -> restoreScaling(before));
        }
    }

    private void restoreScaling(ServiceSnapshot.SlotState before) {
        String resourceId = ScalableTargetInfo.resourceId(cluster, before.ecsServiceName());
        if (before.scaling().isEmpty()) {
            removeScalingIfAny(resourceId);
            return;
        }
        ServiceSnapshot.Scaling s = before.scaling().get();
        ctx.run(() -> ctx.cloud.autoScaling().registerScalableTarget(
                new ScalableTargetInfo(resourceId, s.minCapacity(), s.maxCapacity())));
        for (ScalingPolicyInfo p : s.policies()) ctx.run(() -> ctx.cloud.autoScaling().putScalingPolicy(p));
    }

    /**
     * Deregisters the slot's scalable target when it has one now (the deployment may have moved or
     * applied auto scaling to it): a service without auto scaling gets no DeregisterScalableTarget
     * call, which a role without Application Auto Scaling permissions would be refused.
     */
    private void removeScalingIfAny(String resourceId) {
        if (ctx.call(() -> ctx.cloud.autoScaling().describeScalableTargets(List.of(resourceId))).isEmpty()) return;
        ctx.deregisterScalableTarget(resourceId);
    }

    /**
     * Every slot that is not the old BLUE goes back to its previous definition and count; new slots
     * to 0 first, then without the auto scaling the deployment gave them (which would otherwise
     * scale them up again). A slot production still points at (its swap back failed) keeps running.
     */
    private void restoreSlots(boolean productionMoved, boolean productionBack) {
        for (Slot slot : Slot.values()) {
            if (oldBlue().equals(Optional.of(slot))) continue;
            String name = snapshot.slotName(slot);
            if (!productionBack) {
                done.add(name + " keeps running: production still points at it");
                continue;
            }
            attempt("put " + name + " back", () -> restoreSlot(slot, name));
        }
        if (!productionMoved) done.add("production was not touched");
    }

    /**
     * A rolling service: its canary (if one was started) is removed, and the service goes back to
     * the task definition and count it had, waiting until ECS has replaced the tasks again.
     */
    private void restoreRolling() {
        String canary = CreateCanary.ecsServiceName(snapshot.service());
        if (Canaries.remove(ctx, cluster, canary)) {
            ctx.say("Rollback: removed the canary " + canary);
            done.add("canary " + canary + " removed");
        }
        if (snapshot.single().isEmpty()) {
            done.add("nothing else to restore (first deployment of " + snapshot.service() + ")");
            return;
        }
        ServiceSnapshot.SlotState before = snapshot.single().get();
        Optional<EcsServiceInfo> now = ctx.findService(cluster, before.ecsServiceName());
        if (now.isEmpty()) return;
        if (now.get().taskDefinitionArn().equals(before.taskDefinitionArn()) && now.get().desiredCount() == before.desiredCount()) {
            done.add(before.ecsServiceName() + " was not changed (it still runs "
                    + AwaitSteadyStateRunner.revision(before.taskDefinitionArn()) + ")");
            return;
        }
        ctx.say("Rollback: " + before.ecsServiceName() + " back to " + StepContext.tasks(before.desiredCount()) + " of "
                + AwaitSteadyStateRunner.revision(before.taskDefinitionArn()));
        ctx.updateService(cluster, before.ecsServiceName(), Optional.of(before.taskDefinitionArn()),
                Optional.of(before.desiredCount()), Optional.empty());
        Map<String, String> tags = new TreeMap<>();
        for (String key : List.of(Tags.COMMIT, Tags.SPEC_HASH, Tags.TASK_DEFINITION)) {
            if (before.tags().containsKey(key)) tags.put(key, before.tags().get(key));
        }
        if (!tags.isEmpty()) ctx.run(() -> ctx.cloud.ecs().tagResource(before.arn(), tags));
        ctx.expect(before.ecsServiceName(), before.taskDefinitionArn());
        AwaitSteadyStateRunner.await(ctx, cluster, before.ecsServiceName(), ctx.environment.deployment().steadyStateTimeout());
        done.add(before.ecsServiceName() + " back to " + StepContext.tasks(before.desiredCount()) + " of "
                + AwaitSteadyStateRunner.revision(before.taskDefinitionArn()));
    }

    private void restoreSlot(Slot slot, String name) {
        ServiceSnapshot.SlotState before = snapshot.slots().get(slot);
        Optional<EcsServiceInfo> now = ctx.findService(cluster, name);
        if (now.isEmpty()) return;
        if (before == null) {
            if (now.get().desiredCount() > 0) {
                ctx.say("Rollback: scaling " + name + " to 0 tasks");
                ctx.updateService(cluster, name, Optional.empty(), Optional.of(0), Optional.empty());
                done.add(name + " scaled to 0");
            }
            attempt("remove the auto scaling of " + name, () -> removeScalingIfAny(ScalableTargetInfo.resourceId(cluster, name)));
            return;
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

    private static String name(String targetGroupArn) {
        String[] parts = targetGroupArn.split("/");
        return parts.length >= 2 ? parts[parts.length - 2] : targetGroupArn;
    }
}
