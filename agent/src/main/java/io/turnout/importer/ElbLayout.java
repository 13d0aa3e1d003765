package io.turnout.importer;

import io.turnout.cloud.ListenerInfo;
import io.turnout.cloud.LoadBalancerInfo;
import io.turnout.cloud.RuleInfo;
import io.turnout.cloud.TargetGroupInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One load balancer's listeners, rules and target groups, and the blue/green shape they give a
 * target group ({@link #around}): a prod and a stage route and the two target groups. A route
 * forwarding to the group is paired with a route of the same shape forwarding to a second group
 * — another listener's default action, or a rule of the same priority on another listener — or
 * to the same group, when exactly one other group of the load balancer is free for the second
 * slot (Harness's "scenario 2"). Production is the one on the lower port (443 / 8443, 80 / 8080),
 * or with the lower rule priority, as people set them up; the report says so.
 */
final class ElbLayout {
    private final LoadBalancerInfo loadBalancer;
    private final List<ListenerInfo> listeners;
    private final Map<String, List<RuleInfo>> rulesByListener;
    private final List<TargetGroupInfo> targetGroups;

    ElbLayout(LoadBalancerInfo loadBalancer, List<ListenerInfo> listeners, Map<String, List<RuleInfo>> rulesByListener,
              List<TargetGroupInfo> targetGroups) {
        this.loadBalancer = loadBalancer;
        this.listeners = listeners.stream().sorted(Comparator.comparingInt(ListenerInfo::port)).toList();
        this.rulesByListener = Map.copyOf(rulesByListener);
        this.targetGroups = List.copyOf(targetGroups);
    }

    String name() {
        return loadBalancer.name();
    }

    /** A route: a listener's default action, or one of its rules. */
    private record Route(ListenerInfo listener, Optional<RuleInfo> rule) {
        String targetGroupArn() {
            return rule.map(RuleInfo::forwardTargetGroupArn).orElse(listener.forwardTargetGroupArn());
        }

        Optional<Integer> priority() {
            return rule.map(r -> Integer.parseInt(r.priority()));
        }

        String describe() {
            return "listener :" + listener.port() + rule.map(r -> " rule " + r.priority()).orElse("");
        }
    }

    private List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (ListenerInfo l : listeners) {
            routes.add(new Route(l, Optional.empty()));
            for (RuleInfo r : rulesByListener.getOrDefault(l.arn(), List.of())) {
                if (!r.isDefault() && r.priority().matches("[0-9]+")) routes.add(new Route(l, Optional.of(r)));
            }
        }
        return routes;
    }

    /**
     * The blue/green pair around {@code targetGroupArn}, or why there is none (for the note
     * that says how to go blue/green). {@code takenByOthers}: groups other ECS services use,
     * never a candidate for the second slot.
     */
    Result around(String targetGroupArn, Set<String> takenByOthers) {
        List<Route> routes = routes();
        // listener default actions before rules, lower ports first
        List<Route> toOwn = routes.stream().filter(r -> targetGroupArn.equals(r.targetGroupArn()))
                .sorted(Comparator.comparing((Route r) -> r.rule().isPresent()).thenComparingInt(r -> r.listener().port()))
                .toList();
        if (toOwn.isEmpty()) return Result.none("no listener or rule of " + name() + " forwards to it");
        TargetGroupInfo own = group(targetGroupArn).orElse(null);
        if (own == null) return Result.none("its target group is not attached to " + name());
        // the partner route has the same shape: another listener's default action (listener swap); a rule of
        // the same priority on another listener, or else of another priority on the same listener (rule swap)
        List<Route> partners = routes.stream()
                .sorted(Comparator.comparing((Route r) -> r.rule().isPresent() && toOwn.stream()
                        .noneMatch(o -> o.listener().port() != r.listener().port() && o.priority().equals(r.priority()))))
                .toList();
        for (Route mine : toOwn) {
            for (Route partner : partners) {
                if (!sameShape(mine, partner)) continue;
                String target = partner.targetGroupArn();
                Optional<TargetGroupInfo> other;
                if (target == null || takenByOthers.contains(target)) continue;
                if (target.equals(targetGroupArn)) {
                    // Harness's scenario 2: both routes forward here; the second slot takes the one free group
                    other = freeGroup(own, routes, takenByOthers);
                } else {
                    other = group(target);
                }
                if (other.isEmpty()) continue;
                // people put production on the lower port (443 / 8443, 80 / 8080), or the lower rule priority
                boolean mineIsProd = comesFirst(mine, partner);
                Route prod = mineIsProd ? mine : partner;
                Route stage = mineIsProd ? partner : mine;
                TargetGroupInfo prodGroup = mineIsProd || target.equals(targetGroupArn) ? own : other.get();
                TargetGroupInfo otherGroup = prodGroup == own ? other.get() : own;
                List<String> extra = toOwn.stream().filter(r -> !r.equals(prod) && !r.equals(stage)).map(Route::describe).toList();
                return new Result(Optional.of(new ElbPair(name(), prod.listener().port(), stage.listener().port(),
                        prod.priority(), stage.priority(), ref(prodGroup), ref(otherGroup))), extra, "");
            }
        }
        return Result.none("no stage listener or rule on " + name() + " forwards to a second target group");
    }

    private static boolean sameShape(Route a, Route b) {
        if (a.equals(b) || a.rule().isPresent() != b.rule().isPresent()) return false;
        if (a.rule().isEmpty()) return a.listener().port() != b.listener().port();
        return a.listener().port() != b.listener().port() ? a.priority().equals(b.priority())
                : !a.priority().equals(b.priority());
    }

    private static boolean comesFirst(Route a, Route b) {
        if (a.listener().port() != b.listener().port()) return a.listener().port() < b.listener().port();
        return a.priority().orElse(0) < b.priority().orElse(0);
    }

    /** The one group of this load balancer no route and no other service uses, like {@code own}: the second slot's. */
    private Optional<TargetGroupInfo> freeGroup(TargetGroupInfo own, List<Route> routes, Set<String> takenByOthers) {
        Set<String> routed = routes.stream().map(Route::targetGroupArn).filter(Objects::nonNull).collect(Collectors.toSet());
        List<TargetGroupInfo> free = targetGroups.stream()
                .filter(tg -> !tg.arn().equals(own.arn()) && !routed.contains(tg.arn()) && !takenByOthers.contains(tg.arn()))
                .filter(tg -> Objects.equals(tg.protocol(), own.protocol()) && Objects.equals(tg.targetType(), own.targetType()))
                .toList();
        return free.size() == 1 ? Optional.of(free.getFirst()) : Optional.empty();
    }

    private Optional<TargetGroupInfo> group(String arn) {
        return targetGroups.stream().filter(tg -> tg.arn().equals(arn)).findFirst();
    }

    private static ElbPair.TargetGroupRef ref(TargetGroupInfo tg) {
        return new ElbPair.TargetGroupRef(tg.arn(), tg.name(), tg.port());
    }

    /**
     * The pair, if any; {@code alsoForwarding}: other routes forwarding to the same group (a
     * swap moves one prod route, so they would keep sending traffic to the old slot); {@code why}:
     * why there is no pair.
     */
    record Result(Optional<ElbPair> pair, List<String> alsoForwarding, String why) {
        static Result none(String why) {
            return new Result(Optional.empty(), List.of(), why);
        }
    }
}
