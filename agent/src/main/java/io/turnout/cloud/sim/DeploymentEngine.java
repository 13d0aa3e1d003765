package io.turnout.cloud.sim;

import io.turnout.cloud.LoadBalancerBinding;
import io.turnout.cloud.ScalableTargetInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What ECS does between API calls, replayed lazily up to "now": tasks go PENDING → RUNNING
 * after the start delay and register as ip targets of the service's target groups; a
 * deployment whose tasks all run (and whose targets passed health checks) COMPLETES and the
 * older deployments drain; tasks that a fault stops while starting count towards the
 * deployment circuit breaker, which fails the deployment and (with rollback) starts one with
 * the last completed task definition. Events are processed in time order, so advancing an
 * hour at once gives the same state as advancing a second at a time.
 */
final class DeploymentEngine {
    /** ECS backs off before relaunching tasks that failed to start; never re-fail within the same instant. */
    private static final Duration MIN_RETRY = Duration.ofSeconds(1);
    private static final int MAX_ROUNDS = 1_000;

    private final SimRegion region;
    /** AWS's own deployment engines (ECS blue/green, CodeDeploy), which finish the deployments they control. */
    private final List<Controller> controllers = new ArrayList<>();
    private Instant processed = Instant.EPOCH;
    /**
     * Services that may still change by themselves (tasks pending, a deployment in progress, a
     * desired count outside its scalable target …). Steady services are left out, so that a call
     * costs time in proportion to what is moving, not to the size of the world: with thousands
     * of steady services, settling all of them on every call made large worlds quadratic.
     */
    private final Set<SimService> busy = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Set by mutating API calls: anything may have changed, so the next settle looks at every service. */
    private boolean allBusy;

    DeploymentEngine(SimRegion region) {
        this.region = region;
    }

    /**
     * A deployment engine of AWS's that drives some services' deployments through its own stages
     * (traffic shifts, hooks, bake time) and decides when the new tasks replace the old ones.
     */
    interface Controller {
        /** Moves {@code svc}'s deployment along up to {@code t}; whether anything changed. */
        boolean advance(SimService svc, Instant t);

        /** The next moment something changes by itself for {@code svc}, or null. */
        Instant nextEvent(SimService svc);

        /** Whether a deployment of {@code svc} is still under way (so the service is not steady). */
        boolean busy(SimService svc);
    }

    void register(Controller controller) {
        controllers.add(controller);
    }

    /** Starts a new PRIMARY deployment; the old primary becomes ACTIVE and drains once the new one is done. */
    SimService.Deployment startDeployment(SimService svc, String taskDefinitionArn, Instant now) {
        String id = "ecs-svc/" + SimIds.digits(svc.arn + "#" + region.next(), 19);
        SimService.Deployment d = new SimService.Deployment(id, taskDefinitionArn, svc.loadBalancers, now);
        d.revisionArn = svc.arn.replace(":service/", ":service-revision/") + "/" + SimIds.digits(id, 19);
        region.ecs.revisions.put(d.revisionArn, taskDefinitionArn);
        svc.deployments.addFirst(d);
        svc.taskDefinitionArn = taskDefinitionArn;
        return d;
    }

    /**
     * A new PRIMARY deployment whose tasks register in {@code bindings} and which only a
     * {@link Controller} finishes ({@link #finish}) or discards ({@link #discard}).
     */
    SimService.Deployment startControlled(SimService svc, String taskDefinitionArn, Instant now, List<LoadBalancerBinding> bindings) {
        SimService.Deployment d = startDeployment(svc, taskDefinitionArn, now);
        d.loadBalancers = List.copyOf(bindings);
        d.controlled = true;
        touch(svc);
        return d;
    }

    /** When {@code d}'s tasks all run and pass their target groups' health checks; empty while they cannot (yet). */
    Optional<Instant> readyAt(SimService svc, SimService.Deployment d) {
        return healthyAt(svc, d);
    }

    /** A controlled deployment is done: it COMPLETES and the older ones' tasks stop. */
    void finish(SimService svc, SimService.Deployment d) {
        d.controlled = false;
        complete(svc, d);
        touch(svc);
    }

    /** A controlled deployment is rolled back: its tasks stop and the one before it is PRIMARY again. */
    void discard(SimService svc, SimService.Deployment d) {
        d.tasks.forEach(task -> stopTask(d, task));
        d.tasks.clear();
        svc.deployments.remove(d);
        if (!svc.deployments.isEmpty()) svc.taskDefinitionArn = svc.primary().taskDefinitionArn;
        touch(svc);
    }

    /** A service that has been steady since {@code at}: one COMPLETED deployment, its tasks running and healthy. */
    void seedSteady(SimService svc, String taskDefinitionArn, Instant at) {
        SimService.Deployment d = startDeployment(svc, taskDefinitionArn, at);
        Instant registered = at.minus(region.cloud().settings().healthCheckDelay());
        for (int i = 0; i < svc.desiredCount; i++) {
            SimService.Task task = newTask(at);
            task.running = true;
            d.tasks.add(task);
            registerTargets(d, task, registered);
        }
        complete(svc, d);
        touch(svc);
    }

    /** {@code svc} may have changed outside an API call (set-up): look at it on the next settle. */
    void touch(SimService svc) {
        busy.add(svc);
    }

    /** Anything may have changed (a mutating API call): look at every service on the next settle. */
    void touchAll() {
        allBusy = true;
    }

    /** Processes every event up to {@code now}, in time order. */
    void advanceTo(Instant now) {
        Instant target = now.isBefore(processed) ? processed : now; // a clock set backwards does not undo anything
        for (int i = 0; ; i++) {
            Instant next = nextEvent();
            if (next == null || next.isAfter(target)) break;
            if (i > 1_000_000) throw new IllegalStateException("simulated ECS does not settle at " + next);
            settle(next);
        }
        settle(target);
    }

    private void settle(Instant t) {
        processed = t;
        List<SimService> moving = moving();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean changed = false;
            for (SimService svc : moving) {
                if (!"ACTIVE".equals(svc.status)) continue;
                changed |= startTasks(svc, t) | reconcile(svc, t);
                for (Controller c : controllers) changed |= c.advance(svc, t);
            }
            if (!changed) {
                moving.stream().filter(this::steady).forEach(busy::remove);
                return;
            }
        }
        throw new IllegalStateException("simulated ECS did not settle at " + t);
    }

    /** The services that may change, in the world's order (cluster, then name), so ids come out the same. */
    private List<SimService> moving() {
        if (allBusy) {
            allBusy = false;
            busy.clear();
            busy.addAll(region.ecs.allServices());
        }
        List<SimService> moving = new ArrayList<>(busy);
        moving.sort(Comparator.comparing((SimService s) -> s.cluster).thenComparing(s -> s.name));
        return moving;
    }

    /**
     * Whether nothing will change in {@code svc} until an API call changes it: not ACTIVE, or one
     * finished deployment with all its tasks running, as many as desired, within the scalable
     * target's bounds.
     */
    private boolean steady(SimService svc) {
        if (!"ACTIVE".equals(svc.status)) return true;
        if (controllers.stream().anyMatch(c -> c.busy(svc))) return false;
        if (svc.deployments.size() != 1) return false;
        SimService.Deployment p = svc.primary();
        if ("IN_PROGRESS".equals(p.rolloutState) || p.pending() > 0) return false;
        if (!p.halted && p.tasks.size() != svc.desiredCount) return false;
        Optional<ScalableTargetInfo> target = region.autoScaling.target(ScalableTargetInfo.resourceId(svc.cluster, svc.name));
        return target.isEmpty()
                || (svc.desiredCount >= target.get().minCapacity() && svc.desiredCount <= target.get().maxCapacity());
    }

    /** The earliest future moment something changes by itself: a task starts, or a deployment's targets turn healthy. */
    private Instant nextEvent() {
        Instant next = null;
        for (SimService svc : allBusy ? region.ecs.allServices() : List.copyOf(busy)) {
            if (!"ACTIVE".equals(svc.status)) continue;
            for (SimService.Deployment d : svc.deployments) {
                for (SimService.Task task : d.tasks) if (!task.running) next = earliest(next, task.startsAt);
            }
            next = earliest(next, healthyAt(svc, svc.primary()).orElse(null));
            for (Controller c : controllers) next = earliest(next, c.nextEvent(svc));
        }
        return next;
    }

    /** Tasks due to start either run (and register their targets) or, under a fault, stop and count as failed. */
    private boolean startTasks(SimService svc, Instant t) {
        boolean changed = false;
        boolean fail = region.cloud().faults().tasksFail(svc.name);
        for (SimService.Deployment d : svc.deployments) {
            for (var it = d.tasks.iterator(); it.hasNext(); ) {
                SimService.Task task = it.next();
                if (task.running || task.startsAt.isAfter(t)) continue;
                changed = true;
                if (fail) {
                    it.remove();
                    d.failedTasks++;
                } else {
                    task.running = true;
                    registerTargets(d, task, task.startsAt);
                }
            }
        }
        return changed;
    }

    private boolean reconcile(SimService svc, Instant t) {
        boolean changed = clampToScalableTarget(svc);
        SimService.Deployment p = svc.primary();
        if ("IN_PROGRESS".equals(p.rolloutState) && !p.controlled && ServiceSettings.breakerEnabled(svc.settings)
                && p.failedTasks >= breakerThreshold(svc.desiredCount)) {
            tripBreaker(svc, p, t);
            return true;
        }
        if (!p.halted) {
            int live = p.tasks.size();
            int launchCount = svc.desiredCount - live;
            Duration delay = region.cloud().settings().taskStartDelay();
            if (p.failedTasks > 0 && delay.compareTo(MIN_RETRY) < 0) delay = MIN_RETRY;
            for (int i = 0; i < launchCount; i++) p.tasks.add(newTask(t.plus(delay)));
            // Scale-in stops pending tasks first, then the newest running ones.
            p.tasks.sort(Comparator.comparing((SimService.Task task) -> !task.running));
            while (p.tasks.size() > svc.desiredCount) stopTask(p, p.tasks.removeLast());
            changed |= launchCount != 0;
        }
        if ("IN_PROGRESS".equals(p.rolloutState) && !p.controlled && p.running() == svc.desiredCount && p.pending() == 0
                && healthyAt(svc, p).map(at -> !at.isAfter(t)).orElse(false)) {
            complete(svc, p);
            changed = true;
        }
        if ("COMPLETED".equals(p.rolloutState) && svc.deployments.size() > 1) {
            drainOld(svc);
            changed = true;
        }
        return changed;
    }

    private void complete(SimService svc, SimService.Deployment p) {
        p.rolloutState = "COMPLETED";
        p.rolloutStateReason = "ECS deployment " + p.id + " completed.";
        svc.lastCompletedTaskDefinitionArn = p.taskDefinitionArn;
        drainOld(svc);
    }

    private void drainOld(SimService svc) {
        while (svc.deployments.size() > 1) {
            SimService.Deployment old = svc.deployments.removeLast();
            old.tasks.forEach(task -> stopTask(old, task));
        }
    }

    /**
     * The circuit breaker: the deployment FAILS and launches nothing more; with rollback a new
     * deployment of the last completed task definition becomes PRIMARY, as ECS does it.
     */
    private void tripBreaker(SimService svc, SimService.Deployment p, Instant t) {
        p.rolloutState = "FAILED";
        p.rolloutStateReason = "ECS deployment circuit breaker: tasks failed to start.";
        p.halted = true;
        p.tasks.removeIf(task -> !task.running);
        String previous = svc.lastCompletedTaskDefinitionArn;
        // A failed rollback is not rolled back again: ECS leaves the service FAILED for a person to look at.
        if (ServiceSettings.rollbackEnabled(svc.settings) && previous != null && !p.rollback) {
            SimService.Deployment rollback = startDeployment(svc, previous, t);
            rollback.rollback = true;
            rollback.rolloutStateReason = "ECS deployment circuit breaker: rolling back to deploymentId " + p.id + ".";
        }
    }

    /** ECS's documented threshold: half the desired count, at least 3 and at most 200 failed tasks. */
    static int breakerThreshold(int desiredCount) {
        return Math.min(200, Math.max(3, (desiredCount + 1) / 2));
    }

    /**
     * Application Auto Scaling keeps the desired count within the scalable target's bounds:
     * setting a service with a target (min 2) to 0 is undone, so a slot must lose its scalable
     * target before it can be downsized.
     */
    private boolean clampToScalableTarget(SimService svc) {
        Optional<ScalableTargetInfo> target = region.autoScaling.target(ScalableTargetInfo.resourceId(svc.cluster, svc.name));
        if (target.isEmpty()) return false;
        int clamped = Math.max(target.get().minCapacity(), Math.min(target.get().maxCapacity(), svc.desiredCount));
        if (clamped == svc.desiredCount) return false;
        svc.desiredCount = clamped;
        return true;
    }

    /** When every running task of {@code d} is (or will be) healthy in all its target groups; empty if never. */
    private Optional<Instant> healthyAt(SimService svc, SimService.Deployment d) {
        if (d.pending() > 0 || d.running() != svc.desiredCount || !"IN_PROGRESS".equals(d.rolloutState)) return Optional.empty();
        Instant latest = d.createdAt;
        for (LoadBalancerBinding b : d.loadBalancers) {
            SimElbState.TargetGroup tg = region.elbState.targetGroupByArn(b.targetGroupArn()).orElse(null);
            if (tg == null || region.cloud().faults().targetsFail(tg.name)
                    || region.elbState.loadBalancersUsing(tg.arn).isEmpty()) {
                return Optional.empty();
            }
            for (SimService.Task task : d.tasks) {
                SimElbState.Target target = tg.targets.get(task.ip + ":" + b.containerPort());
                if (target == null) return Optional.empty();
                Instant at = region.elb.healthCheckedAt(target);
                if (at.isAfter(latest)) latest = at;
            }
        }
        return Optional.of(latest);
    }

    private SimService.Task newTask(Instant startsAt) {
        long n = region.next();
        String ip = "10.0." + (n / 250 % 256) + "." + (n % 250 + 4);
        String id = SimIds.hex(region.account() + "/" + region.region() + "/task/" + n, 32);
        return new SimService.Task(id, ip, startsAt);
    }

    private void registerTargets(SimService.Deployment d, SimService.Task task, Instant at) {
        for (LoadBalancerBinding b : d.loadBalancers) {
            region.elbState.targetGroupByArn(b.targetGroupArn()).ifPresent(tg ->
                    tg.targets.put(task.ip + ":" + b.containerPort(), new SimElbState.Target(task.ip, b.containerPort(), at)));
        }
    }

    /** A stopped task leaves its target groups at once (the simulator has no deregistration delay). */
    private void stopTask(SimService.Deployment d, SimService.Task task) {
        for (LoadBalancerBinding b : d.loadBalancers) {
            region.elbState.targetGroupByArn(b.targetGroupArn()).ifPresent(tg -> tg.targets.remove(task.ip + ":" + b.containerPort()));
        }
    }

    /** The earlier of two candidate event times; anything at or before the last processed instant was handled by settle(). */
    private Instant earliest(Instant a, Instant b) {
        if (b != null && !b.isAfter(processed)) b = null;
        if (a == null) return b;
        if (b == null) return a;
        return a.isBefore(b) ? a : b;
    }
}
