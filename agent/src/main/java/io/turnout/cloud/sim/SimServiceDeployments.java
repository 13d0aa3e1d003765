package io.turnout.cloud.sim;

import io.turnout.cloud.LoadBalancerBinding;
import io.turnout.cloud.ServiceDeploymentInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * ECS service deployments: one record per deployment of every service (what
 * ListServiceDeployments and DescribeServiceDeployments show), and ECS's own blue/green engine
 * for services whose {@code deploymentConfiguration.strategy} is BLUE_GREEN, LINEAR or CANARY.
 *
 * <p>Such a deployment runs the new revision's tasks in the alternate target group and walks
 * ECS's lifecycle stages: RECONCILE_SERVICE, PRE_SCALE_UP, SCALE_UP (until the new tasks are
 * healthy), POST_SCALE_UP, TEST_TRAFFIC_SHIFT (the test listener rule forwards to the new
 * revision), POST_TEST_TRAFFIC_SHIFT, PRODUCTION_TRAFFIC_SHIFT (all at once, in linear steps or
 * canary then the rest, with the configured waits), POST_PRODUCTION_TRAFFIC_SHIFT, BAKE_TIME
 * ({@code bakeTimeInMinutes}, the old revision still running) and CLEAN_UP (the old tasks stop,
 * the two target groups swap roles). Each stage lasts {@link #STAGE_TIME}, a stage with a
 * lifecycle hook {@link #HOOK_TIME} more. A failing hook, an alarm of
 * {@code deploymentConfiguration.alarms} in ALARM, tripped circuit breaker or StopServiceDeployment
 * ROLLBACK send both rules back to the old revision at once and stop the new tasks. Faults make a
 * hook fail, an alarm fire or a stage stall ({@link SimulatedFaults}).
 *
 * <p>ROLLING deployments (and a service's first deployment) get a record whose status follows the
 * deployment's rollout state; their stage is not reported.
 */
final class SimServiceDeployments implements DeploymentEngine.Controller {
    /** How long a lifecycle stage lasts without a hook. */
    static final Duration STAGE_TIME = Duration.ofSeconds(15);
    /** How long a Lambda lifecycle hook runs before it answers. */
    static final Duration HOOK_TIME = Duration.ofSeconds(30);
    static final Set<String> TRAFFIC_SHIFTING = Set.of("BLUE_GREEN", "LINEAR", "CANARY");
    private static final List<String> STAGES = List.of("RECONCILE_SERVICE", "PRE_SCALE_UP", "SCALE_UP", "POST_SCALE_UP",
            "TEST_TRAFFIC_SHIFT", "POST_TEST_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT",
            "BAKE_TIME", "CLEAN_UP");

    private final SimRegion region;
    /** Every deployment by ARN, in the order started. */
    private final Map<String, Record> byArn = new LinkedHashMap<>();
    /** The deployment each service is going through (by service ARN), while it is active. */
    private final Map<String, Record> active = new HashMap<>();

    SimServiceDeployments(SimRegion region) {
        this.region = region;
    }

    /** One service deployment. */
    final class Record {
        final String arn;
        final SimService svc;
        final Instant createdAt;
        final String strategy;
        final JsonNode config;
        final SimService.Deployment source;
        final SimService.Deployment target;
        /** Whether ECS's blue/green engine drives it (else the status follows the rollout state). */
        final boolean shifting;
        String status = "IN_PROGRESS";
        String statusReason;
        String stage;
        Instant stageSince;
        Instant updatedAt;
        double productionWeight;
        double testWeight;
        /** PRODUCTION_TRAFFIC_SHIFT's steps: when, and the new revision's weight then. */
        final List<Map.Entry<Instant, Double>> shifts = new ArrayList<>();
        Optional<ServiceDeploymentInfo.Rollback> rollback = Optional.empty();
        Instant rollbackDoneAt;
        /** A ROLLING deployment's rollback: the deployment ECS started to go back. */
        SimService.Deployment rollbackDeployment;

        Record(String arn, SimService svc, Instant createdAt, String strategy, JsonNode config,
               SimService.Deployment source, SimService.Deployment target, boolean shifting) {
            this.arn = arn;
            this.svc = svc;
            this.createdAt = createdAt;
            this.strategy = strategy;
            this.config = config;
            this.source = source;
            this.target = target;
            this.shifting = shifting;
            this.updatedAt = createdAt;
        }

        ServiceDeploymentInfo info() {
            if (!shifting) followRollout();
            List<ServiceDeploymentInfo.Revision> sources = source == null ? List.of()
                    : List.of(revision(source, shifting ? 100 - testWeight : null, shifting ? 100 - productionWeight : null));
            return new ServiceDeploymentInfo(arn, svc.arn, status, statusReason, shifting ? stage : null, sources,
                    Optional.of(revision(target, shifting ? testWeight : null, shifting ? productionWeight : null)), strategy,
                    config.path("bakeTimeInMinutes").asInt(0), rollback, createdAt, updatedAt);
        }

        private ServiceDeploymentInfo.Revision revision(SimService.Deployment d, Double test, Double production) {
            boolean live = svc.deployments.contains(d);
            int requested = !live ? 0 : d == svc.primary() ? svc.desiredCount : d.tasks.size();
            return new ServiceDeploymentInfo.Revision(d.revisionArn, requested, live ? (int) d.running() : 0,
                    live ? (int) d.pending() : 0, test, production);
        }

        /** A ROLLING deployment's status, from its rollout state and what ECS did after it. */
        private void followRollout() {
            if (!status.equals("IN_PROGRESS") && !status.equals("ROLLBACK_IN_PROGRESS")) return;
            String before = status;
            if (rollbackDeployment != null) {
                if ("COMPLETED".equals(rollbackDeployment.rolloutState)) status = "ROLLBACK_SUCCESSFUL";
                else if (!svc.deployments.contains(rollbackDeployment) || "FAILED".equals(rollbackDeployment.rolloutState)) status = "ROLLBACK_FAILED";
            } else if ("COMPLETED".equals(target.rolloutState)) {
                status = "SUCCESSFUL";
            } else if ("FAILED".equals(target.rolloutState)) {
                Optional<SimService.Deployment> ecsRollback = svc.deployments.stream().filter(d -> d.rollback).findFirst();
                statusReason = target.rolloutStateReason;
                if (ecsRollback.isPresent()) {
                    rollbackDeployment = ecsRollback.get();
                    status = "ROLLBACK_IN_PROGRESS";
                    rollback = Optional.of(new ServiceDeploymentInfo.Rollback(target.rolloutStateReason, region.now(),
                            ecsRollback.get().revisionArn));
                    followRollout();
                    return;
                }
                status = "STOPPED";
            } else if (!svc.deployments.contains(target)) {
                status = "STOPPED";
                statusReason = "superseded by a newer deployment";
            }
            if (!status.equals(before)) updatedAt = region.now();
            if (!ServiceDeploymentInfo.ACTIVE_STATUSES.contains(status)) active.remove(svc.arn, this);
        }
    }

    // ---- starting and stopping -----------------------------------------------------------------

    /**
     * Records a deployment ECS just started for {@code svc} (UpdateService, CreateService). For a
     * traffic-shifting strategy with a revision to move away from, {@code target} must have been
     * started with {@link DeploymentEngine#startControlled} on the alternate target groups.
     */
    Record started(SimService svc, SimService.Deployment source, SimService.Deployment target, Instant now) {
        JsonNode config = svc.settings.path("deploymentConfiguration").deepCopy();
        String strategy = config.path("strategy").asString("ROLLING");
        Record previous = active.get(svc.arn);
        if (previous != null && previous.shifting && ServiceDeploymentInfo.ACTIVE_STATUSES.contains(previous.status)) {
            stopped(previous, "STOPPED", "superseded by a newer deployment", now);
        }
        String arn = svc.arn.replace(":service/", ":service-deployment/") + "/" + SimIds.upperAlnum(target.id, 22);
        Record r = new Record(arn, svc, now, strategy, config, source, target, target.controlled);
        if (r.shifting) enter(r, "RECONCILE_SERVICE", now);
        byArn.put(arn, r);
        active.put(svc.arn, r);
        region.engine.touch(svc);
        return r;
    }

    /** Whether the next deployment of {@code svc} runs ECS's blue/green engine: a shifting strategy and a revision to shift from. */
    static boolean shifts(SimService svc) {
        return "ECS".equals(svc.deploymentController) && !svc.deployments.isEmpty()
                && TRAFFIC_SHIFTING.contains(svc.settings.path("deploymentConfiguration").path("strategy").asString("ROLLING"));
    }

    /** The target groups the new revision's tasks go to: each load balancer's alternate target group. */
    static List<LoadBalancerBinding> alternates(SimService svc) {
        return svc.loadBalancers.stream().map(b -> b.advanced()
                .map(a -> new LoadBalancerBinding(a.alternateTargetGroupArn(), b.containerName(), b.containerPort()))
                .orElse(b)).toList();
    }

    /** StopServiceDeployment. */
    void stop(String arn, String stopType, String operation) {
        Record r = byArn.get(arn);
        if (r == null) throw SimErrors.notFound("ServiceDeploymentNotFoundException", operation, "Service deployment not found: " + arn);
        if (!r.shifting) r.followRollout();
        if (!ServiceDeploymentInfo.ACTIVE_STATUSES.contains(r.status) || r.status.startsWith("ROLLBACK")) {
            throw SimErrors.invalid("InvalidParameterException", operation, "The service deployment " + arn + " is "
                    + r.status + " and cannot be stopped.");
        }
        Instant now = region.now();
        if (!"ROLLBACK".equals(stopType)) {
            stopped(r, "STOPPED", "stopped by StopServiceDeployment (" + stopType + ")", now);
            return;
        }
        if (r.shifting) {
            rollBack(r, "Service deployment rolled back because of a StopServiceDeployment request (ROLLBACK).", now);
        } else if (r.source != null) {
            // a ROLLING deployment goes back by deploying the source revision again
            SimService.Deployment back = region.engine.startDeployment(r.svc, r.source.taskDefinitionArn, now);
            back.rollback = true;
            r.rollbackDeployment = back;
            r.status = "ROLLBACK_IN_PROGRESS";
            r.rollback = Optional.of(new ServiceDeploymentInfo.Rollback("stopped by StopServiceDeployment (ROLLBACK)", now,
                    r.source.revisionArn));
            r.updatedAt = now;
        } else {
            stopped(r, "STOPPED", "a first deployment has nothing to roll back to", now);
        }
        region.engine.touch(r.svc);
    }

    private void stopped(Record r, String status, String reason, Instant now) {
        r.status = status;
        r.statusReason = reason;
        r.updatedAt = now;
        if (r.shifting && r.svc.deployments.contains(r.target) && r.target.controlled) region.engine.discard(r.svc, r.target);
        active.remove(r.svc.arn, r);
    }

    /** Both rules back to the old revision at once (it is still running), the new tasks stopped. */
    private void rollBack(Record r, String reason, Instant now) {
        r.status = "ROLLBACK_IN_PROGRESS";
        r.statusReason = reason;
        r.rollback = Optional.of(new ServiceDeploymentInfo.Rollback(reason, now, r.source.revisionArn));
        r.productionWeight = 0;
        r.testWeight = 0;
        route(r, true, 0);
        route(r, false, 0);
        region.engine.discard(r.svc, r.target);
        r.rollbackDoneAt = now.plus(STAGE_TIME);
        r.updatedAt = now;
    }

    // ---- ListServiceDeployments, DescribeServiceDeployments -------------------------------------

    /** The deployments of {@code svc} in {@code statuses} (all when empty), newest first. */
    List<String> list(SimService svc, List<String> statuses) {
        List<String> arns = new ArrayList<>();
        for (Record r : byArn.values()) {
            if (!r.svc.arn.equals(svc.arn)) continue;
            if (statuses.isEmpty() || statuses.contains(r.info().status())) arns.addFirst(r.arn);
        }
        return arns;
    }

    Optional<ServiceDeploymentInfo> describe(String arn) {
        return Optional.ofNullable(byArn.get(arn)).map(Record::info);
    }

    // ---- the engine ------------------------------------------------------------------------------

    @Override
    public boolean busy(SimService svc) {
        Record r = active.get(svc.arn);
        return r != null && r.shifting;
    }

    @Override
    public Instant nextEvent(SimService svc) {
        Record r = active.get(svc.arn);
        if (r == null || !r.shifting) return null;
        if (r.status.equals("ROLLBACK_IN_PROGRESS")) return r.rollbackDoneAt;
        Instant next = stageEnd(r);
        Optional<Instant> failsAt = hookFailsAt(r);
        if (failsAt.isPresent() && (next == null || failsAt.get().isBefore(next))) next = failsAt.get();
        for (Map.Entry<Instant, Double> shift : r.shifts) {
            if (shift.getValue() > r.productionWeight && (next == null || shift.getKey().isBefore(next))) next = shift.getKey();
        }
        return next;
    }

    @Override
    public boolean advance(SimService svc, Instant t) {
        Record r = active.get(svc.arn);
        if (r == null) return false;
        if (!r.shifting) {
            String before = r.status;
            r.followRollout();
            return !before.equals(r.status);
        }
        boolean changed = false;
        for (int guard = 0; guard < STAGES.size() * 2; guard++) {
            if (r.status.equals("ROLLBACK_IN_PROGRESS")) {
                if (!r.rollbackDoneAt.isAfter(t)) {
                    r.status = "ROLLBACK_SUCCESSFUL";
                    r.updatedAt = r.rollbackDoneAt;
                    active.remove(svc.arn, r);
                    changed = true;
                }
                return changed;
            }
            changed |= shiftProduction(r, t);
            Optional<String> failure = failure(r, t);
            if (failure.isPresent()) {
                rollBack(r, failure.get(), t);
                changed = true;
                continue;
            }
            Instant end = stageEnd(r);
            if (end == null || end.isAfter(t) || region.cloud().faults().stalled(svc.name, r.stage)) return changed;
            int next = STAGES.indexOf(r.stage) + 1;
            if (next == STAGES.size()) {
                finish(r, end);
                return true;
            }
            enter(r, STAGES.get(next), end);
            changed = true;
        }
        return changed;
    }

    /** When the current stage may end: its time, hooks and what it waits for; null while it cannot yet. */
    private Instant stageEnd(Record r) {
        Instant end = r.stageSince.plus(STAGE_TIME);
        if (!hooks(r, r.stage).isEmpty()) end = end.plus(HOOK_TIME);
        switch (r.stage) {
            case "SCALE_UP" -> {
                Optional<Instant> ready = region.engine.readyAt(r.svc, r.target);
                if (ready.isEmpty()) return null;
                if (ready.get().isAfter(end)) end = ready.get();
            }
            case "PRODUCTION_TRAFFIC_SHIFT" -> {
                Instant last = r.shifts.getLast().getKey();
                if (last.plus(STAGE_TIME).isAfter(end)) end = last.plus(STAGE_TIME);
            }
            case "BAKE_TIME" -> end = r.stageSince.plus(Duration.ofMinutes(r.config.path("bakeTimeInMinutes").asInt(0)));
            default -> { }
        }
        return end;
    }

    private void enter(Record r, String stage, Instant at) {
        r.stage = stage;
        r.stageSince = at;
        r.updatedAt = at;
        if (stage.equals("TEST_TRAFFIC_SHIFT")) {
            r.testWeight = 100;
            route(r, false, 100);
        } else if (stage.equals("PRODUCTION_TRAFFIC_SHIFT")) {
            r.shifts.clear();
            r.shifts.addAll(schedule(r.strategy, r.config, at));
            shiftProduction(r, at);
        }
    }

    /** ECS's traffic shift: all at once, linear steps of stepPercent, or canaryPercent then the rest. */
    private static List<Map.Entry<Instant, Double>> schedule(String strategy, JsonNode config, Instant start) {
        List<Map.Entry<Instant, Double>> steps = new ArrayList<>();
        switch (strategy) {
            case "LINEAR" -> {
                double step = config.path("linearConfiguration").path("stepPercent").asDouble(10.0);
                Duration wait = Duration.ofMinutes(config.path("linearConfiguration").path("stepBakeTimeInMinutes").asInt(6));
                Instant at = start;
                for (double weight = step; ; weight += step) {
                    steps.add(Map.entry(at, Math.min(100.0, weight)));
                    if (weight >= 100.0) break;
                    at = at.plus(wait);
                }
            }
            case "CANARY" -> {
                double canary = config.path("canaryConfiguration").path("canaryPercent").asDouble(5.0);
                Duration wait = Duration.ofMinutes(config.path("canaryConfiguration").path("canaryBakeTimeInMinutes").asInt(10));
                steps.add(Map.entry(start, canary));
                steps.add(Map.entry(start.plus(wait), 100.0));
            }
            default -> steps.add(Map.entry(start, 100.0));
        }
        return steps;
    }

    /** Applies the production steps that are due by {@code t}. */
    private boolean shiftProduction(Record r, Instant t) {
        if (!"PRODUCTION_TRAFFIC_SHIFT".equals(r.stage)) return false;
        double due = r.productionWeight;
        for (Map.Entry<Instant, Double> shift : r.shifts) if (!shift.getKey().isAfter(t)) due = Math.max(due, shift.getValue());
        if (due == r.productionWeight) return false;
        r.productionWeight = due;
        r.updatedAt = t;
        route(r, true, due);
        return true;
    }

    /** Why the deployment must roll back now: a failed hook, a firing alarm, the circuit breaker. */
    private Optional<String> failure(Record r, Instant t) {
        Optional<Instant> hookFails = hookFailsAt(r);
        if (hookFails.isPresent() && !hookFails.get().isAfter(t)) {
            String hook = hooks(r, r.stage).stream().filter(h -> region.cloud().faults().hookFails(h)).findFirst().orElseThrow();
            return Optional.of("Lifecycle hook " + hook + " returned FAILED at lifecycle stage " + r.stage + ".");
        }
        JsonNode alarms = r.config.path("alarms");
        if (alarms.path("enable").asBoolean(false) && alarms.path("rollback").asBoolean(false)) {
            for (JsonNode name : alarms.path("alarmNames")) {
                if (region.cloudWatch.firing(name.asString())) {
                    return Optional.of("CloudWatch alarm " + name.asString() + " is in ALARM state.");
                }
            }
        }
        if (r.config.path("deploymentCircuitBreaker").path("enable").asBoolean(false)
                && r.target.failedTasks >= DeploymentEngine.breakerThreshold(r.svc.desiredCount)) {
            return Optional.of("ECS deployment circuit breaker: tasks failed to start.");
        }
        return Optional.empty();
    }

    /** When a failing hook of the current stage answers FAILED. */
    private Optional<Instant> hookFailsAt(Record r) {
        boolean fails = hooks(r, r.stage).stream().anyMatch(h -> region.cloud().faults().hookFails(h));
        return fails ? Optional.of(r.stageSince.plus(HOOK_TIME)) : Optional.empty();
    }

    private static List<String> hooks(Record r, String stage) {
        List<String> hooks = new ArrayList<>();
        for (JsonNode hook : r.config.path("lifecycleHooks")) {
            for (JsonNode s : hook.path("lifecycleStages")) {
                if (stage.equals(s.asString())) hooks.add(hook.path("hookTargetArn").asString());
            }
        }
        return hooks;
    }

    /** CLEAN_UP is over: the old tasks stop and the target groups swap roles (the new one is production's now). */
    private void finish(Record r, Instant at) {
        region.engine.finish(r.svc, r.target);
        r.svc.loadBalancers = r.svc.loadBalancers.stream().map(b -> b.advanced()
                .map(a -> new LoadBalancerBinding(a.alternateTargetGroupArn(), b.containerName(), b.containerPort(),
                        Optional.of(new LoadBalancerBinding.AdvancedConfiguration(b.targetGroupArn(), a.productionListenerRule(),
                                a.testListenerRule(), a.roleArn()))))
                .orElse(b)).toList();
        // r.target's tasks stay where they are: in what is now each pair's production target group
        r.status = "SUCCESSFUL";
        r.statusReason = "ECS deployment completed.";
        r.updatedAt = at;
        active.remove(r.svc.arn, r);
    }

    /** Points the production (or test) listener rule of each load balancer: {@code weight} percent to the new revision. */
    private void route(Record r, boolean production, double weight) {
        for (LoadBalancerBinding b : r.svc.loadBalancers) {
            if (b.advanced().isEmpty()) continue;
            LoadBalancerBinding.AdvancedConfiguration a = b.advanced().get();
            String ruleArn = production ? a.productionListenerRule() : a.testListenerRule();
            if (ruleArn == null) continue;
            region.elbState.ruleByArn(ruleArn).ifPresent(rule -> {
                Map<String, Integer> weights = new LinkedHashMap<>();
                weights.put(b.targetGroupArn(), (int) Math.round(100 - weight));
                weights.put(a.alternateTargetGroupArn(), (int) Math.round(weight));
                region.elbState.weigh(region.elbState.listeners.get(rule.listenerArn), rule, weights);
            });
        }
    }
}
