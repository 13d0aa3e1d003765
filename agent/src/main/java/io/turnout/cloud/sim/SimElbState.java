package io.turnout.cloud.sim;

import io.turnout.cloud.ListenerInfo;
import io.turnout.cloud.LoadBalancerInfo;
import io.turnout.cloud.RuleInfo;
import io.turnout.cloud.TargetGroupInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The load balancers, listeners, rules and target groups of one partition, and how they are set up. */
final class SimElbState {
    private final SimRegion region;
    final Map<String, LoadBalancer> loadBalancers = new TreeMap<>();
    /** By ARN, in the order created (listeners are listed in that order). */
    final Map<String, Listener> listeners = new LinkedHashMap<>();
    final Map<String, TargetGroup> targetGroups = new TreeMap<>();
    // Indexes, so that look-ups by ARN do not scan: large worlds (thousands of target groups) made every call slow.
    private final Map<String, LoadBalancer> loadBalancersByArn = new HashMap<>();
    private final Map<String, TargetGroup> targetGroupsByArn = new HashMap<>();
    private final Map<String, Rule> rulesByArn = new HashMap<>();
    private final Map<String, List<Listener>> listenersByLoadBalancer = new HashMap<>();
    /** Target group ARN to the load balancers forwarding to it; derived, rebuilt after a forward changed. */
    private Map<String, Set<String>> usage;

    SimElbState(SimRegion region) {
        this.region = region;
    }

    static final class LoadBalancer {
        final String name;
        final String arn;
        final String type;
        final String id;
        final String dnsName;

        LoadBalancer(String name, String arn, String type, String id, String dnsName) {
            this.name = name;
            this.arn = arn;
            this.type = type;
            this.id = id;
            this.dnsName = dnsName;
        }

        LoadBalancerInfo info() {
            return new LoadBalancerInfo(arn, name, type, dnsName);
        }
    }

    static final class Listener {
        final String arn;
        final String loadBalancerArn;
        final int port;
        final String protocol;
        String defaultTargetGroupArn;
        /** A weighted forward's groups and weights (ECS's and CodeDeploy's blue/green); null for a plain forward. */
        Map<String, Integer> weights;
        /** By priority. */
        final Map<Integer, Rule> rules = new TreeMap<>();

        Listener(String arn, String loadBalancerArn, int port, String protocol, String defaultTargetGroupArn) {
            this.arn = arn;
            this.loadBalancerArn = loadBalancerArn;
            this.port = port;
            this.protocol = protocol;
            this.defaultTargetGroupArn = defaultTargetGroupArn;
        }

        String defaultRuleArn() {
            return arn.replace(":listener/", ":listener-rule/") + "/" + SimIds.hex(arn + "/default", 16);
        }

        ListenerInfo info() {
            return new ListenerInfo(arn, loadBalancerArn, port, protocol, weights == null ? defaultTargetGroupArn : null);
        }
    }

    static final class Rule {
        final String arn;
        final String listenerArn;
        final int priority;
        final String pathPattern;
        String targetGroupArn;
        /** A weighted forward's groups and weights; null for a plain forward to {@code targetGroupArn}. */
        Map<String, Integer> weights;

        Rule(String arn, String listenerArn, int priority, String pathPattern, String targetGroupArn) {
            this.arn = arn;
            this.listenerArn = listenerArn;
            this.priority = priority;
            this.pathPattern = pathPattern;
            this.targetGroupArn = targetGroupArn;
        }

        RuleInfo info() {
            // a forward to several groups (even one at weight 0) names no single group, as AwsElb reads it
            return new RuleInfo(arn, listenerArn, Integer.toString(priority), false, weights == null ? targetGroupArn : null);
        }
    }

    static final class TargetGroup {
        final String name;
        final String arn;
        final int port;
        final String protocol;
        final String targetType;
        /** By {@code id:port}, in registration order. */
        final Map<String, Target> targets = new LinkedHashMap<>();

        TargetGroup(String name, String arn, int port, String protocol, String targetType) {
            this.name = name;
            this.arn = arn;
            this.port = port;
            this.protocol = protocol;
            this.targetType = targetType;
        }
    }

    record Target(String id, int port, Instant registeredAt) {}

    // ---- set-up (world files, tests) -------------------------------------------------------

    LoadBalancer addLoadBalancer(String name, String type) {
        if (!"application".equals(type) && !"network".equals(type)) {
            throw new IllegalArgumentException("load balancer type must be application or network, was " + type);
        }
        if (loadBalancers.containsKey(name)) throw new IllegalArgumentException("load balancer " + name + " already exists");
        String id = SimIds.hex(region.account() + "/" + region.region() + "/lb/" + name, 16);
        String arn = region.arn("elasticloadbalancing",
                "loadbalancer/" + ("network".equals(type) ? "net" : "app") + "/" + name + "/" + id);
        String dns = name + "-" + SimIds.digits(arn, 10) + "." + region.region() + ".elb.amazonaws.com";
        LoadBalancer lb = new LoadBalancer(name, arn, type, id, dns);
        loadBalancers.put(name, lb);
        loadBalancersByArn.put(arn, lb);
        return lb;
    }

    TargetGroup addTargetGroup(String name, int port, String protocol, String targetType) {
        if (targetGroups.containsKey(name)) throw new IllegalArgumentException("target group " + name + " already exists");
        if (!Set.of("ip", "instance", "lambda", "alb").contains(targetType)) {
            throw new IllegalArgumentException("target type must be ip, instance, lambda or alb, was " + targetType);
        }
        String arn = region.arn("elasticloadbalancing", "targetgroup/" + name + "/"
                + SimIds.hex(region.account() + "/" + region.region() + "/tg/" + name, 16));
        TargetGroup tg = new TargetGroup(name, arn, port, protocol, targetType);
        targetGroups.put(name, tg);
        targetGroupsByArn.put(arn, tg);
        return tg;
    }

    Listener addListener(String loadBalancer, int port, String protocol, String defaultTargetGroup) {
        LoadBalancer lb = loadBalancers.get(loadBalancer);
        if (lb == null) throw new IllegalArgumentException("load balancer " + loadBalancer + " is not defined");
        if (listener(lb, port).isPresent()) {
            throw new IllegalArgumentException("load balancer " + loadBalancer + " already has a listener on port " + port);
        }
        String arn = lb.arn.replace(":loadbalancer/", ":listener/") + "/" + SimIds.hex(lb.arn + "/" + port, 16);
        Listener listener = new Listener(arn, lb.arn, port, protocol, targetGroupArnOf(defaultTargetGroup));
        listeners.put(arn, listener);
        listenersByLoadBalancer.computeIfAbsent(lb.arn, k -> new ArrayList<>()).add(listener);
        forwardsChanged();
        return listener;
    }

    Rule addRule(String loadBalancer, int port, int priority, String pathPattern, String targetGroup) {
        LoadBalancer lb = loadBalancers.get(loadBalancer);
        if (lb == null) throw new IllegalArgumentException("load balancer " + loadBalancer + " is not defined");
        Listener listener = listener(lb, port).orElseThrow(() -> new IllegalArgumentException(
                "load balancer " + loadBalancer + " has no listener on port " + port));
        if (priority < 1 || priority > 50000) throw new IllegalArgumentException("rule priority must be 1–50000");
        if (listener.rules.containsKey(priority)) {
            throw new IllegalArgumentException("listener :" + port + " of " + loadBalancer + " already has a rule with priority " + priority);
        }
        String arn = listener.arn.replace(":listener/", ":listener-rule/") + "/"
                + SimIds.hex(listener.arn + "/" + priority, 16);
        Rule rule = new Rule(arn, listener.arn, priority, pathPattern, targetGroupArnOf(targetGroup));
        listener.rules.put(priority, rule);
        rulesByArn.put(arn, rule);
        forwardsChanged();
        return rule;
    }

    private String targetGroupArnOf(String name) {
        if (name == null) return null;
        TargetGroup tg = targetGroups.get(name);
        if (tg == null) throw new IllegalArgumentException("target group " + name + " is not defined");
        return tg.arn;
    }

    /**
     * Makes a rule (or, with a null rule, the listener's default action) a weighted forward: as
     * ECS's and CodeDeploy's blue/green move traffic between two groups. The group with the most
     * weight (the first on a tie) is what {@code targetGroupArn} names: where the simulated load
     * balancer sends a request.
     */
    void weigh(Listener listener, Rule rule, Map<String, Integer> weights) {
        Map<String, Integer> copy = new LinkedHashMap<>(weights);
        String dominant = copy.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElseThrow();
        if (rule != null) {
            rule.weights = copy;
            rule.targetGroupArn = dominant;
        } else {
            listener.weights = copy;
            listener.defaultTargetGroupArn = dominant;
        }
        forwardsChanged();
    }

    // ---- look-ups --------------------------------------------------------------------------

    Optional<Listener> listener(LoadBalancer lb, int port) {
        return listenersOf(lb).stream().filter(l -> l.port == port).findFirst();
    }

    /** In the order created. */
    List<Listener> listenersOf(LoadBalancer lb) {
        return listenersByLoadBalancer.getOrDefault(lb.arn, List.of());
    }

    Optional<LoadBalancer> loadBalancerByArn(String arn) {
        return Optional.ofNullable(arn == null ? null : loadBalancersByArn.get(arn));
    }

    Optional<TargetGroup> targetGroupByArn(String arn) {
        return Optional.ofNullable(arn == null ? null : targetGroupsByArn.get(arn));
    }

    Optional<Rule> ruleByArn(String arn) {
        return Optional.ofNullable(arn == null ? null : rulesByArn.get(arn));
    }

    /** A listener's default action or a rule now forwards elsewhere: the derived association must be rebuilt. */
    void forwardsChanged() {
        usage = null;
    }

    String targetGroupName(String arn) {
        return targetGroupByArn(arn).map(tg -> tg.name).orElse(null);
    }

    /** The load balancers whose listeners or rules forward to the target group: AWS derives this association. */
    Set<String> loadBalancersUsing(String targetGroupArn) {
        if (usage == null) {
            Map<String, Set<String>> derived = new HashMap<>();
            for (Listener l : listeners.values()) {
                if (l.defaultTargetGroupArn != null) {
                    derived.computeIfAbsent(l.defaultTargetGroupArn, k -> new TreeSet<>()).add(l.loadBalancerArn);
                }
                if (l.weights != null) l.weights.keySet().forEach(tg -> derived.computeIfAbsent(tg, k -> new TreeSet<>()).add(l.loadBalancerArn));
                for (Rule r : l.rules.values()) {
                    if (r.targetGroupArn != null) derived.computeIfAbsent(r.targetGroupArn, k -> new TreeSet<>()).add(l.loadBalancerArn);
                    if (r.weights != null) r.weights.keySet().forEach(tg -> derived.computeIfAbsent(tg, k -> new TreeSet<>()).add(l.loadBalancerArn));
                }
            }
            usage = derived;
        }
        return Collections.unmodifiableSet(usage.getOrDefault(targetGroupArn, Set.of()));
    }

    TargetGroupInfo info(TargetGroup tg) {
        return new TargetGroupInfo(tg.arn, tg.name, tg.port, tg.protocol, tg.targetType,
                List.copyOf(loadBalancersUsing(tg.arn)));
    }
}
