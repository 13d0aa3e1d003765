package io.turnout.cloud.sim;

import io.turnout.cloud.CodeDeployApi;
import io.turnout.cloud.CodeDeployDeploymentInfo;
import io.turnout.cloud.CodeDeployTarget;
import io.turnout.cloud.DeploymentGroupInfo;
import io.turnout.cloud.LoadBalancerBinding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Simulated AWS CodeDeploy for ECS: applications and deployment groups (set up by world files),
 * and deployments that walk CodeDeploy's ECS lifecycle events — BeforeInstall, Install (the
 * replacement task set starts in the other target group), AfterInstall, AllowTestTraffic (the
 * test listener forwards to it), AfterAllowTestTraffic, BeforeAllowTraffic, AllowTraffic (the
 * production listener's weights move as the deployment configuration says: all at once,
 * {@code ECSLinear<p>PercentEvery<m>Minutes} or {@code ECSCanary<p>Percent<m>Minutes}),
 * AfterAllowTraffic — then keep the original task set for the group's termination wait (a stop
 * with rollback within it is instant) before it is terminated. A hook whose Lambda function a
 * fault fails fails the deployment; the deployment group's auto rollback (or StopDeployment with
 * rollback) sends both listeners back to the original task set and stops the replacement.
 */
final class SimCodeDeploy implements CodeDeployApi, DeploymentEngine.Controller {
    static final List<String> EVENTS = List.of("BeforeInstall", "Install", "AfterInstall", "AllowTestTraffic",
            "AfterAllowTestTraffic", "BeforeAllowTraffic", "AllowTraffic", "AfterAllowTraffic");
    private static final Pattern LINEAR = Pattern.compile("CodeDeployDefault\\.ECSLinear(\\d+)PercentEvery(\\d+)Minutes?");
    private static final Pattern CANARY = Pattern.compile("CodeDeployDefault\\.ECSCanary(\\d+)Percent(\\d+)Minutes?");

    private final SimRegion region;
    /** Application name to deployment group name to group. */
    final Map<String, Map<String, Group>> applications = new TreeMap<>();
    private final Map<String, Deployment> deployments = new LinkedHashMap<>();
    /** The deployment each ECS service (by ARN) is going through. */
    private final Map<String, Deployment> active = new LinkedHashMap<>();

    SimCodeDeploy(SimRegion region) {
        this.region = region;
    }

    /** A deployment group of compute platform ECS. {@code liveTargetGroup} is the one production uses now. */
    static final class Group {
        final String application;
        final String name;
        final String cluster;
        final String service;
        final List<String> targetGroups;
        final String prodListenerArn;
        final String testListenerArn;
        final String deploymentConfigName;
        final Duration terminationWait;
        final boolean autoRollback;
        String liveTargetGroup;

        Group(String application, String name, String cluster, String service, List<String> targetGroups,
              String prodListenerArn, String testListenerArn, String deploymentConfigName, Duration terminationWait,
              boolean autoRollback) {
            this.application = application;
            this.name = name;
            this.cluster = cluster;
            this.service = service;
            this.targetGroups = List.copyOf(targetGroups);
            this.prodListenerArn = prodListenerArn;
            this.testListenerArn = testListenerArn;
            this.deploymentConfigName = deploymentConfigName;
            this.terminationWait = terminationWait;
            this.autoRollback = autoRollback;
            this.liveTargetGroup = targetGroups.getFirst();
        }
    }

    private final class Deployment {
        final String id;
        final Group group;
        final SimService svc;
        final String configName;
        final Instant created;
        final Map<String, String> hooks;
        final Map<String, String> events = new LinkedHashMap<>();
        final SimService.Deployment blue;
        final String greenTargetGroup;
        final String taskDefinitionArn;
        SimService.Deployment green;
        String status = "InProgress";
        String event = EVENTS.getFirst();
        Instant eventSince;
        double productionWeight;
        final List<Map.Entry<Instant, Double>> shifts = new ArrayList<>();
        Optional<String> error = Optional.empty();
        Optional<CodeDeployDeploymentInfo.RollbackInfo> rollback = Optional.empty();
        Instant completed;
        Instant terminateAt;

        Deployment(String id, Group group, SimService svc, String configName, Instant created, Map<String, String> hooks,
                   String taskDefinitionArn) {
            this.id = id;
            this.group = group;
            this.svc = svc;
            this.configName = configName;
            this.created = created;
            this.hooks = hooks;
            this.taskDefinitionArn = taskDefinitionArn;
            this.blue = svc.primary();
            this.greenTargetGroup = group.targetGroups.stream().filter(tg -> !tg.equals(group.liveTargetGroup)).findFirst()
                    .orElse(group.liveTargetGroup);
            this.eventSince = created;
            EVENTS.forEach(e -> events.put(e, "Pending"));
            events.put(event, "InProgress");
        }

        CodeDeployDeploymentInfo info() {
            return new CodeDeployDeploymentInfo(id, group.application, group.name, status, error, rollback, configName,
                    Optional.of(taskDefinitionArn), created, completed);
        }
    }

    // ---- set-up ---------------------------------------------------------------------------------

    void addGroup(Group group) {
        Map<String, Group> groups = applications.computeIfAbsent(group.application, k -> new TreeMap<>());
        if (groups.containsKey(group.name)) throw new IllegalArgumentException("deployment group " + group.name + " already exists");
        groups.put(group.name, group);
    }

    // ---- API ------------------------------------------------------------------------------------

    @Override
    public DeploymentGroupInfo getDeploymentGroup(String application, String deploymentGroup) {
        return region.call("codedeploy:GetDeploymentGroup", false, () -> {
            Group g = group("codedeploy:GetDeploymentGroup", application, deploymentGroup);
            List<String> test = g.testListenerArn == null ? List.of() : List.of(g.testListenerArn);
            List<String> names = g.targetGroups.stream().map(region.elbState::targetGroupName).toList();
            return new DeploymentGroupInfo(g.application, g.name, g.deploymentConfigName,
                    region.arn("iam", "role/codedeploy-ecs").replace(":" + region.region() + ":", "::"),
                    List.of(new DeploymentGroupInfo.EcsServiceRef(g.cluster, g.service)),
                    List.of(new DeploymentGroupInfo.TargetGroupPair(names, List.of(g.prodListenerArn), test)), g.autoRollback);
        });
    }

    @Override
    public String createDeployment(CreateDeploymentRequest request) {
        String op = "codedeploy:CreateDeployment";
        return region.call(op, true, () -> {
            Group g = group(op, request.application(), request.deploymentGroup());
            Deployment running = active.values().stream().filter(d -> d.group == g).findFirst().orElse(null);
            if (running != null) {
                throw SimErrors.invalid("DeploymentLimitExceededException", op, "The Deployment Group '" + g.name
                        + "' already has an active Deployment '" + running.id + "'");
            }
            AppSpec spec = AppSpec.parse(request.appSpec(), op);
            SimService svc = Optional.ofNullable(region.ecs.services.get(g.cluster)).map(m -> m.get(g.service))
                    .filter(s -> "ACTIVE".equals(s.status)).orElseThrow(() -> SimErrors.invalid("ECSServiceMappingLimitExceededException",
                            op, "The ECS service " + g.service + " of deployment group " + g.name + " does not exist"));
            if (!"CODE_DEPLOY".equals(svc.deploymentController)) {
                throw SimErrors.invalid("InvalidECSServiceException", op, "The ECS service " + g.service
                        + " does not use the CODE_DEPLOY deployment controller");
            }
            if (svc.loadBalancers.isEmpty()) {
                throw SimErrors.invalid("InvalidECSServiceException", op, "The ECS service " + g.service
                        + " has no load balancer: a blue/green deployment moves traffic between target groups");
            }
            SimTaskDefinitions.Revision td = region.ecs.taskDefinitions.find(spec.taskDefinition()).orElseThrow(() ->
                    SimErrors.invalid("InvalidRevisionException", op, "The task definition " + spec.taskDefinition() + " does not exist"));
            spec.checkContainer(td, op);
            String config = request.deploymentConfigName().orElse(g.deploymentConfigName);
            schedule(config, Instant.EPOCH, op);
            String id = "d-" + SimIds.upperAlnum(region.account() + "/" + g.name + "/" + region.next(), 9);
            Deployment d = new Deployment(id, g, svc, config, region.now(), spec.hooks(), td.arn());
            deployments.put(id, d);
            active.put(svc.arn, d);
            region.engine.touch(svc);
            return id;
        });
    }

    @Override
    public CodeDeployDeploymentInfo getDeployment(String deploymentId) {
        return region.call("codedeploy:GetDeployment", false, () -> deployment("codedeploy:GetDeployment", deploymentId).info());
    }

    @Override
    public List<String> listDeployments(String application, String deploymentGroup, List<String> statuses) {
        return region.call("codedeploy:ListDeployments", false, () -> {
            Group g = group("codedeploy:ListDeployments", application, deploymentGroup);
            List<String> ids = new ArrayList<>();
            for (Deployment d : deployments.values()) {
                if (d.group == g && (statuses.isEmpty() || statuses.contains(d.status))) ids.addFirst(d.id);
            }
            return ids;
        });
    }

    @Override
    public void stopDeployment(String deploymentId, boolean autoRollback) {
        String op = "codedeploy:StopDeployment";
        region.run(op, true, () -> {
            Deployment d = deployment(op, deploymentId);
            if (!d.info().active()) {
                throw SimErrors.invalid("DeploymentAlreadyCompletedException", op, "The deployment " + d.id + " is already "
                        + d.status);
            }
            rollBack(d, "Stopped", autoRollback ? "Rolled back by StopDeployment (autoRollbackEnabled)" : null, region.now());
        });
    }

    @Override
    public List<CodeDeployTarget> deploymentTargets(String deploymentId) {
        return region.call("codedeploy:BatchGetDeploymentTargets", false, () -> {
            Deployment d = deployment("codedeploy:BatchGetDeploymentTargets", deploymentId);
            List<CodeDeployTarget.LifecycleEvent> events = d.events.entrySet().stream()
                    .map(e -> new CodeDeployTarget.LifecycleEvent(e.getKey(), e.getValue())).toList();
            List<CodeDeployTarget.TaskSet> sets = new ArrayList<>();
            sets.add(taskSet(d, d.blue, "Blue", 100 - d.productionWeight, d.group.liveTargetGroup));
            if (d.green != null) sets.add(taskSet(d, d.green, "Green", d.productionWeight, d.greenTargetGroup));
            String status = d.status.equals("InProgress") ? "InProgress" : d.status;
            return List.of(new CodeDeployTarget(d.group.cluster + ":" + d.group.service, status, events, sets));
        });
    }

    private CodeDeployTarget.TaskSet taskSet(Deployment d, SimService.Deployment set, String label, double weight, String tg) {
        boolean live = d.svc.deployments.contains(set);
        return new CodeDeployTarget.TaskSet("ecs-svc/" + set.id.substring(set.id.indexOf('/') + 1), label, set.taskDefinitionArn,
                live ? set.tasks.size() : 0, live ? set.running() : 0, weight, region.elbState.targetGroupName(tg));
    }

    // ---- the engine ------------------------------------------------------------------------------

    @Override
    public boolean busy(SimService svc) {
        return active.containsKey(svc.arn);
    }

    @Override
    public Instant nextEvent(SimService svc) {
        Deployment d = active.get(svc.arn);
        if (d == null) return null;
        if (d.terminateAt != null) return d.terminateAt;
        Instant end = eventEnd(d);
        for (Map.Entry<Instant, Double> shift : d.shifts) {
            if (shift.getValue() > d.productionWeight && (end == null || shift.getKey().isBefore(end))) end = shift.getKey();
        }
        return end;
    }

    @Override
    public boolean advance(SimService svc, Instant t) {
        Deployment d = active.get(svc.arn);
        if (d == null) return false;
        boolean changed = false;
        for (int guard = 0; guard <= EVENTS.size() + 1; guard++) {
            if (d.terminateAt != null) {
                if (d.terminateAt.isAfter(t)) return changed;
                // the original task set is terminated: the replacement is the service's now
                region.engine.finish(svc, d.green);
                d.group.liveTargetGroup = d.greenTargetGroup;
                d.status = "Succeeded";
                d.completed = d.terminateAt;
                active.remove(svc.arn);
                return true;
            }
            changed |= shift(d, t);
            Instant end = eventEnd(d);
            if (end == null || end.isAfter(t)) return changed;
            String hook = d.hooks.get(d.event);
            if (hook != null && region.cloud().faults().hookFails(hook)) {
                d.events.put(d.event, "Failed");
                d.error = Optional.of("HOOK_EXECUTION_FAILURE: The deployment failed because the " + d.event + " hook " + hook
                        + " reported a failure.");
                rollBack(d, "Failed", d.group.autoRollback ? "Deployment failed and was rolled back (auto rollback)" : null, end);
                return true;
            }
            d.events.put(d.event, "Succeeded");
            int next = EVENTS.indexOf(d.event) + 1;
            if (next == EVENTS.size()) {
                d.terminateAt = end.plus(d.group.terminationWait);
                return true;
            }
            enter(d, EVENTS.get(next), end);
            changed = true;
        }
        return changed;
    }

    private void enter(Deployment d, String event, Instant at) {
        d.event = event;
        d.eventSince = at;
        d.events.put(event, "InProgress");
        switch (event) {
            case "Install" -> {
                LoadBalancerBinding live = d.svc.loadBalancers.getFirst();
                d.green = region.engine.startControlled(d.svc, d.taskDefinitionArn, at,
                        List.of(new LoadBalancerBinding(d.greenTargetGroup, live.containerName(), live.containerPort())));
                // the service keeps reporting the original task set's task definition until the traffic moved
                d.svc.taskDefinitionArn = d.blue.taskDefinitionArn;
            }
            case "AllowTestTraffic" -> {
                if (d.group.testListenerArn != null) weigh(d.group.testListenerArn, d, 100);
            }
            case "AllowTraffic" -> {
                d.shifts.clear();
                d.shifts.addAll(schedule(d.configName, at, "codedeploy:CreateDeployment"));
                shift(d, at);
            }
            default -> { }
        }
    }

    /** When the current lifecycle event ends: hooks take their time, Install waits for healthy tasks, AllowTraffic for its steps. */
    private Instant eventEnd(Deployment d) {
        Instant end = d.eventSince.plus(d.hooks.containsKey(d.event) ? SimServiceDeployments.HOOK_TIME : Duration.ZERO);
        switch (d.event) {
            case "Install" -> {
                Optional<Instant> ready = region.engine.readyAt(d.svc, d.green);
                if (ready.isEmpty()) return null;
                end = ready.get().isAfter(end) ? ready.get() : end;
            }
            case "AllowTestTraffic" -> end = end.plus(SimServiceDeployments.STAGE_TIME);
            case "AllowTraffic" -> end = d.shifts.getLast().getKey().plus(SimServiceDeployments.STAGE_TIME);
            default -> { }
        }
        return end;
    }

    private boolean shift(Deployment d, Instant t) {
        if (!"AllowTraffic".equals(d.event)) return false;
        double due = d.productionWeight;
        for (Map.Entry<Instant, Double> s : d.shifts) if (!s.getKey().isAfter(t)) due = Math.max(due, s.getValue());
        if (due == d.productionWeight) return false;
        d.productionWeight = due;
        weigh(d.group.prodListenerArn, d, due);
        if (due >= 100) d.svc.taskDefinitionArn = d.taskDefinitionArn;
        return true;
    }

    /** The deployment configuration's traffic steps: all at once, linear or canary (CodeDeploy's predefined names). */
    private static List<Map.Entry<Instant, Double>> schedule(String config, Instant start, String op) {
        Matcher linear = LINEAR.matcher(config);
        Matcher canary = CANARY.matcher(config);
        List<Map.Entry<Instant, Double>> steps = new ArrayList<>();
        if (linear.matches()) {
            int step = Integer.parseInt(linear.group(1));
            Duration every = Duration.ofMinutes(Integer.parseInt(linear.group(2)));
            Instant at = start;
            for (int weight = step; ; weight += step) {
                steps.add(Map.entry(at, (double) Math.min(100, weight)));
                if (weight >= 100) break;
                at = at.plus(every);
            }
        } else if (canary.matches()) {
            steps.add(Map.entry(start, Double.parseDouble(canary.group(1))));
            steps.add(Map.entry(start.plus(Duration.ofMinutes(Integer.parseInt(canary.group(2)))), 100.0));
        } else if (config.equals("CodeDeployDefault.ECSAllAtOnce")) {
            steps.add(Map.entry(start, 100.0));
        } else {
            throw SimErrors.invalid("DeploymentConfigDoesNotExistException", op, "The deployment configuration " + config
                    + " does not exist (the simulated cloud knows CodeDeploy's predefined ECS configurations)");
        }
        return steps;
    }

    /** Failed or stopped: with a rollback message, both listeners go back to the original task set and the replacement stops. */
    private void rollBack(Deployment d, String status, String rollbackMessage, Instant at) {
        d.status = status;
        d.completed = at;
        d.events.replaceAll((event, s) -> s.equals("Pending") || s.equals("InProgress") ? "Skipped" : s);
        if (rollbackMessage != null) {
            String rollbackId = "d-" + SimIds.upperAlnum(d.id + "/rollback", 9);
            d.rollback = Optional.of(new CodeDeployDeploymentInfo.RollbackInfo(rollbackId, null, rollbackMessage));
            d.productionWeight = 0;
            weigh(d.group.prodListenerArn, d, 0);
            if (d.group.testListenerArn != null) weigh(d.group.testListenerArn, d, 0);
            if (d.green != null && d.svc.deployments.contains(d.green)) region.engine.discard(d.svc, d.green);
            d.svc.taskDefinitionArn = d.blue.taskDefinitionArn;
        }
        active.remove(d.svc.arn);
        region.engine.touch(d.svc);
    }

    /** A listener's default action: {@code weight} percent to the replacement's target group, the rest to production's. */
    private void weigh(String listenerArn, Deployment d, double weight) {
        SimElbState.Listener listener = region.elbState.listeners.get(listenerArn);
        if (listener == null) return;
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put(d.group.liveTargetGroup, (int) Math.round(100 - weight));
        weights.put(d.greenTargetGroup, (int) Math.round(weight));
        region.elbState.weigh(listener, null, weights);
    }

    private Group group(String op, String application, String name) {
        Map<String, Group> groups = applications.get(application);
        if (groups == null) throw SimErrors.notFound("ApplicationDoesNotExistException", op, "No application found for name: " + application);
        Group g = groups.get(name);
        if (g == null) throw SimErrors.notFound("DeploymentGroupDoesNotExistException", op, "No Deployment Group found for name: " + name);
        return g;
    }

    private Deployment deployment(String op, String id) {
        Deployment d = deployments.get(id);
        if (d == null) throw SimErrors.notFound("DeploymentDoesNotExistException", op, "The deployment " + id + " could not be found.");
        return d;
    }
}
