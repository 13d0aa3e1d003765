package io.turnout.cloud.sim;

import io.turnout.cloud.ElbApi;
import io.turnout.cloud.ListenerInfo;
import io.turnout.cloud.LoadBalancerInfo;
import io.turnout.cloud.RuleInfo;
import io.turnout.cloud.TargetGroupInfo;
import io.turnout.cloud.TargetHealthInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Simulated Elastic Load Balancing v2: load balancers, listeners, rules, target groups and target health. */
final class SimElb implements ElbApi {
    private static final Set<String> ALB_PROTOCOLS = Set.of("HTTP", "HTTPS");
    private static final Set<String> NLB_PROTOCOLS = Set.of("TCP", "TLS", "UDP", "TCP_UDP");

    private final SimRegion region;
    private final SimElbState state;

    SimElb(SimRegion region, SimElbState state) {
        this.region = region;
        this.state = state;
    }

    @Override
    public List<LoadBalancerInfo> describeLoadBalancers(List<String> names) {
        return region.call("elbv2:DescribeLoadBalancers", false, () -> {
            if (names.isEmpty()) return state.loadBalancers.values().stream().map(SimElbState.LoadBalancer::info).toList();
            List<String> missing = names.stream().filter(n -> !state.loadBalancers.containsKey(n)).toList();
            // AWS fails the whole call when any one name is unknown.
            if (!missing.isEmpty()) {
                throw SimErrors.notFound("LoadBalancerNotFound", "elbv2:DescribeLoadBalancers",
                        "Load balancers '" + missing + "' not found");
            }
            return names.stream().distinct().map(n -> state.loadBalancers.get(n).info()).toList();
        });
    }

    @Override
    public List<ListenerInfo> describeListeners(String loadBalancerArn) {
        return region.call("elbv2:DescribeListeners", false, () -> {
            SimElbState.LoadBalancer lb = state.loadBalancerByArn(loadBalancerArn)
                    .orElseThrow(() -> SimErrors.notFound("LoadBalancerNotFound", "elbv2:DescribeListeners",
                            "Load balancer '" + loadBalancerArn + "' not found"));
            return state.listenersOf(lb).stream().map(SimElbState.Listener::info).toList();
        });
    }

    @Override
    public List<RuleInfo> describeRules(String listenerArn) {
        return region.call("elbv2:DescribeRules", false, () -> {
            SimElbState.Listener listener = listener(listenerArn, "elbv2:DescribeRules");
            List<RuleInfo> rules = new ArrayList<>();
            listener.rules.values().forEach(r -> rules.add(r.info()));
            // The default rule comes last, as AWS lists it, with priority "default".
            rules.add(new RuleInfo(listener.defaultRuleArn(), listener.arn, "default", true, listener.info().forwardTargetGroupArn()));
            return rules;
        });
    }

    @Override
    public List<TargetGroupInfo> describeTargetGroups(List<String> names) {
        return region.call("elbv2:DescribeTargetGroups", false, () -> {
            if (names.isEmpty()) return state.targetGroups.values().stream().map(state::info).toList();
            List<String> missing = names.stream().filter(n -> !state.targetGroups.containsKey(n)).toList();
            // As with load balancers: one unknown name fails the whole call.
            if (!missing.isEmpty()) {
                throw SimErrors.notFound("TargetGroupNotFound", "elbv2:DescribeTargetGroups",
                        "Target groups '" + missing + "' not found");
            }
            return names.stream().distinct().map(n -> state.info(state.targetGroups.get(n))).toList();
        });
    }

    @Override
    public List<TargetGroupInfo> describeTargetGroupsOf(String loadBalancerArn) {
        return region.call("elbv2:DescribeTargetGroups", false, () -> {
            if (state.loadBalancerByArn(loadBalancerArn).isEmpty()) {
                throw SimErrors.notFound("LoadBalancerNotFound", "elbv2:DescribeTargetGroups",
                        "Load balancer '" + loadBalancerArn + "' not found");
            }
            // the groups this load balancer's listeners and rules forward to (collected first: the
            // association is derived, and deriving it per group would be quadratic in large worlds)
            Set<String> used = new HashSet<>();
            for (SimElbState.Listener l : state.listenersOf(state.loadBalancerByArn(loadBalancerArn).orElseThrow())) {
                if (l.defaultTargetGroupArn != null) used.add(l.defaultTargetGroupArn);
                if (l.weights != null) used.addAll(l.weights.keySet());
                l.rules.values().forEach(r -> {
                    used.add(r.targetGroupArn);
                    if (r.weights != null) used.addAll(r.weights.keySet());
                });
            }
            // by name, as the full list is ordered
            return used.stream().map(arn -> state.targetGroupByArn(arn).orElseThrow())
                    .sorted(Comparator.comparing((SimElbState.TargetGroup tg) -> tg.name)).map(state::info).toList();
        });
    }

    @Override
    public List<TargetHealthInfo> describeTargetHealth(String targetGroupArn) {
        return region.call("elbv2:DescribeTargetHealth", false, () -> {
            SimElbState.TargetGroup tg = targetGroup(targetGroupArn, "elbv2:DescribeTargetHealth");
            Instant now = region.now();
            return tg.targets.values().stream().map(t -> health(tg, t, now)).toList();
        });
    }

    @Override
    public void modifyListener(String listenerArn, String targetGroupArn) {
        region.run("elbv2:ModifyListener", true, () -> {
            SimElbState.Listener listener = listener(listenerArn, "elbv2:ModifyListener");
            SimElbState.TargetGroup tg = targetGroup(targetGroupArn, "elbv2:ModifyListener");
            checkForward(listener.loadBalancerArn, tg, "elbv2:ModifyListener");
            listener.defaultTargetGroupArn = tg.arn;
            listener.weights = null;
            state.forwardsChanged();
        });
    }

    @Override
    public void modifyRule(String ruleArn, String targetGroupArn) {
        region.run("elbv2:ModifyRule", true, () -> {
            SimElbState.Rule rule = state.ruleByArn(ruleArn).orElse(null);
            if (rule == null) {
                boolean isDefault = state.listeners.values().stream().anyMatch(l -> l.defaultRuleArn().equals(ruleArn));
                if (isDefault) {
                    throw SimErrors.invalid("OperationNotPermitted", "elbv2:ModifyRule",
                            "The default rule's actions are changed with ModifyListener, not ModifyRule");
                }
                throw SimErrors.notFound("RuleNotFound", "elbv2:ModifyRule", "One or more rules not found");
            }
            SimElbState.TargetGroup tg = targetGroup(targetGroupArn, "elbv2:ModifyRule");
            checkForward(state.listeners.get(rule.listenerArn).loadBalancerArn, tg, "elbv2:ModifyRule");
            rule.targetGroupArn = tg.arn;
            rule.weights = null;
            state.forwardsChanged();
        });
    }

    @Override
    public void registerTargets(String targetGroupArn, List<TargetHealthInfo.Target> targets) {
        region.run("elbv2:RegisterTargets", true, () -> {
            SimElbState.TargetGroup tg = targetGroup(targetGroupArn, "elbv2:RegisterTargets");
            Instant now = region.now();
            for (TargetHealthInfo.Target t : targets) {
                int port = t.port() == 0 ? tg.port : t.port();
                // Registering a registered target again is a no-op in AWS (its health history stays).
                tg.targets.putIfAbsent(t.id() + ":" + port, new SimElbState.Target(t.id(), port, now));
            }
        });
    }

    @Override
    public void deregisterTargets(String targetGroupArn, List<TargetHealthInfo.Target> targets) {
        region.run("elbv2:DeregisterTargets", true, () -> {
            SimElbState.TargetGroup tg = targetGroup(targetGroupArn, "elbv2:DeregisterTargets");
            for (TargetHealthInfo.Target t : targets) tg.targets.remove(t.id() + ":" + (t.port() == 0 ? tg.port : t.port()));
        });
    }

    /** A target's health at {@code now}: initial for healthCheckDelay, then healthy unless a fault says otherwise. */
    TargetHealthInfo health(SimElbState.TargetGroup tg, SimElbState.Target t, Instant now) {
        TargetHealthInfo.Target target = new TargetHealthInfo.Target(t.id(), t.port());
        // AWS reports targets of a group no listener or rule uses as unused, never health-checked.
        if (state.loadBalancersUsing(tg.arn).isEmpty()) return new TargetHealthInfo(target, "unused", "Target.NotInUse");
        if (now.isBefore(healthCheckedAt(t))) return new TargetHealthInfo(target, "initial", "Elb.RegistrationInProgress");
        if (region.cloud().faults().targetsFail(tg.name)) {
            return new TargetHealthInfo(target, "unhealthy", "Target.FailedHealthChecks");
        }
        return new TargetHealthInfo(target, "healthy", null);
    }

    /**
     * What a client sending {@code GET path} to {@code host:port} gets back: the listener's
     * rules are matched by path pattern in priority order, then its default action; the chosen
     * target group answers 200 "ok" when at least one of its targets is healthy, 503 when none
     * is (as an ALB does), 404 for a fixed-response default. Empty when no load balancer has
     * that DNS name or no listener that port.
     */
    Optional<SimHttpAnswer> answer(String host, int port, String path) {
        Optional<SimElbState.LoadBalancer> lb = state.loadBalancers.values().stream()
                .filter(l -> l.dnsName.equalsIgnoreCase(host)).findFirst();
        if (lb.isEmpty()) return Optional.empty();
        Optional<SimElbState.Listener> listener = state.listeners.values().stream()
                .filter(l -> l.loadBalancerArn.equals(lb.get().arn) && l.port == port).findFirst();
        if (listener.isEmpty()) return Optional.empty();
        String targetGroupArn = listener.get().defaultTargetGroupArn;
        for (SimElbState.Rule rule : listener.get().rules.values()) {
            if (rule.pathPattern != null && path.matches(glob(rule.pathPattern))) {
                targetGroupArn = rule.targetGroupArn;
                break;
            }
        }
        if (targetGroupArn == null) return Optional.of(new SimHttpAnswer(404, "Not Found", null));
        SimElbState.TargetGroup tg = state.targetGroupByArn(targetGroupArn).orElseThrow();
        Integer failing = region.cloud().faults().httpStatus(tg.name);
        if (failing != null) return Optional.of(new SimHttpAnswer(failing, "simulated failure", tg.name));
        Instant now = region.now();
        boolean healthy = tg.targets.values().stream().anyMatch(t -> health(tg, t, now).healthy());
        return Optional.of(healthy ? new SimHttpAnswer(200, "ok", tg.name)
                : new SimHttpAnswer(503, "503 Service Temporarily Unavailable", tg.name));
    }

    private static String glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*') regex.append(".*");
            else if (c == '?') regex.append('.');
            else regex.append(Pattern.quote(String.valueOf(c)));
        }
        return regex.toString();
    }

    Instant healthCheckedAt(SimElbState.Target t) {
        return t.registeredAt().plus(region.cloud().settings().healthCheckDelay());
    }

    private void checkForward(String loadBalancerArn, SimElbState.TargetGroup tg, String operation) {
        SimElbState.LoadBalancer lb = state.loadBalancerByArn(loadBalancerArn).orElseThrow();
        Set<String> allowed = "network".equals(lb.type) ? NLB_PROTOCOLS : ALB_PROTOCOLS;
        if (!allowed.contains(tg.protocol)) {
            throw SimErrors.invalid("IncompatibleProtocols", operation, "Target group " + tg.name + " uses protocol "
                    + tg.protocol + ", which a " + lb.type + " load balancer cannot forward to");
        }
        // A target group belongs to at most one load balancer.
        Set<String> others = new TreeSet<>(state.loadBalancersUsing(tg.arn));
        others.remove(loadBalancerArn);
        if (!others.isEmpty()) {
            throw SimErrors.invalid("TargetGroupAssociationLimit", operation, "The following target groups cannot be"
                    + " associated with more than one load balancer: " + tg.arn);
        }
    }

    private SimElbState.Listener listener(String arn, String operation) {
        SimElbState.Listener listener = state.listeners.get(arn);
        if (listener == null) throw SimErrors.notFound("ListenerNotFound", operation, "One or more listeners not found");
        return listener;
    }

    private SimElbState.TargetGroup targetGroup(String arn, String operation) {
        return state.targetGroupByArn(arn).orElseThrow(() -> SimErrors.notFound("TargetGroupNotFound", operation,
                "One or more target groups not found: " + arn));
    }
}
