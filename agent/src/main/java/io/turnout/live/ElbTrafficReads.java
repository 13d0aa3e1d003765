package io.turnout.live;

import io.turnout.cloud.CloudException;
import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.ListenerInfo;
import io.turnout.cloud.LoadBalancerInfo;
import io.turnout.cloud.RuleInfo;
import io.turnout.cloud.TargetGroupInfo;
import io.turnout.spec.ElbTraffic;
import io.turnout.spec.ListenerRule;
import io.turnout.spec.Slot;
import io.turnout.spec.SlotPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The ELB side of one environment, read in as few calls as AWS allows: DescribeLoadBalancers
 * for the load balancer names (20 per call, AWS's limit), then per load balancer one
 * DescribeListeners and one DescribeTargetGroups (the groups its listeners and rules use), and
 * one DescribeRules per listener a spec uses rules on. Only target groups no load balancer
 * uses yet are looked up by name. Then each service's {@link LiveElb} is assembled from memory.
 * Reads of different load balancers and listeners run concurrently within the ELB read budget
 * ({@link ReadThrottle}); the maps are filled in a fixed order afterwards.
 *
 * <p>A missing load balancer is an environment problem ({@link #environmentProblems()}), named
 * once; each service on it carries the same text so the planner can tell it is blocked.
 */
final class ElbTrafficReads {
    private final String where;
    private final Map<String, LoadBalancerInfo> loadBalancers;
    // Concurrent: load balancers are read side by side, and a service's traffic may be assembled
    // (for an early start on its ECS service) while other load balancers are still being read.
    private final Map<String, List<ListenerInfo>> listenersByLb = new ConcurrentHashMap<>();
    private final Map<String, List<RuleInfo>> rulesByListener = new ConcurrentHashMap<>();
    private final Map<String, TargetGroupInfo> targetGroups = new ConcurrentHashMap<>();
    private final List<String> environmentProblems = new ArrayList<>();
    /** DescribeLoadBalancers takes at most 20 names per call. */
    private static final int LOAD_BALANCER_NAMES_MAX = 20;

    /** The outcome for one service: its traffic, when every piece exists, and what is missing. */
    record Result(Optional<LiveElb> traffic, List<String> problems) {}

    ElbTrafficReads(CloudGateway gateway, ReadThrottle throttle, String where, List<ElbTraffic> traffics) {
        this(gateway, throttle, where, traffics, (soFar, name) -> { });
    }

    /**
     * Reads everything; {@code loadBalancerRead} is called (from any thread, before this
     * constructor returns) with the reads so far and each load balancer's name as soon as its
     * listeners, target groups and rules are in, so that the caller can start on that load
     * balancer's services while others are still being read. {@link #traffic} of a service on that
     * load balancer is then final when complete; an incomplete one may still change.
     */
    ElbTrafficReads(CloudGateway gateway, ReadThrottle throttle, String where, List<ElbTraffic> traffics,
                    BiConsumer<ElbTrafficReads, String> loadBalancerRead) {
        this.where = where;
        if (traffics.isEmpty()) {
            loadBalancers = Map.of();
            return;
        }
        List<String> lbNames = List.copyOf(new TreeSet<>(traffics.stream().map(ElbTraffic::loadBalancer).toList()));
        loadBalancers = new ConcurrentHashMap<>();
        List<Callable<Map<String, LoadBalancerInfo>>> lookUps = new ArrayList<>();
        for (int i = 0; i < lbNames.size(); i += LOAD_BALANCER_NAMES_MAX) {
            List<String> batch = lbNames.subList(i, Math.min(lbNames.size(), i + LOAD_BALANCER_NAMES_MAX));
            lookUps.add(() -> byName(batch, names -> gateway.elb().describeLoadBalancers(names), LoadBalancerInfo::name));
        }
        throttle.all("elbv2", lookUps).forEach(loadBalancers::putAll);
        for (String name : lbNames) {
            if (!loadBalancers.containsKey(name)) environmentProblems.add(missingLoadBalancer(name));
        }
        // Each load balancer on its own: listeners and target groups side by side, then the rules of the
        // listeners the specs put rules on. Load balancers run concurrently; each answer lands under its
        // own key, so completion order does not matter.
        List<LoadBalancerInfo> lbs = List.copyOf(new TreeMap<>(loadBalancers).values());
        throttle.together(lbs.stream().<Callable<Void>>map(lb -> () -> {
            List<List<?>> answers = throttle.all("elbv2", List.<Callable<List<?>>>of(
                    () -> gateway.elb().describeListeners(lb.arn()), () -> gateway.elb().describeTargetGroupsOf(lb.arn())));
            listenersByLb.put(lb.name(), answers.get(0).stream().map(ListenerInfo.class::cast).toList());
            answers.get(1).stream().map(TargetGroupInfo.class::cast).forEach(tg -> targetGroups.put(tg.name(), tg));
            TreeSet<String> ruleListeners = new TreeSet<>();
            for (ElbTraffic t : traffics) {
                if (!t.loadBalancer().equals(lb.name())) continue;
                if (t.prodRule().isPresent()) listener(t.loadBalancer(), t.prodListenerPort()).ifPresent(l -> ruleListeners.add(l.arn()));
                if (t.stageRule().isPresent()) listener(t.loadBalancer(), t.stageListenerPort()).ifPresent(l -> ruleListeners.add(l.arn()));
            }
            List<String> arns = List.copyOf(ruleListeners);
            List<List<RuleInfo>> rules = throttle.all("elbv2", arns.stream()
                    .<Callable<List<RuleInfo>>>map(arn -> () -> gateway.elb().describeRules(arn)).toList());
            for (int i = 0; i < arns.size(); i++) rulesByListener.put(arns.get(i), rules.get(i));
            loadBalancerRead.accept(this, lb.name());
            return null;
        }).toList());
        TreeSet<String> tgNames = new TreeSet<>();
        traffics.forEach(t -> {
            tgNames.add(t.targetGroups().a());
            tgNames.add(t.targetGroups().b());
        });
        // Target groups no listener or rule forwards to yet (a new service's) are not attached to a
        // load balancer, so the per-load-balancer read cannot see them: look those up by name.
        tgNames.removeAll(targetGroups.keySet());
        if (!tgNames.isEmpty()) {
            targetGroups.putAll(throttle.all("elbv2", List.<Callable<Map<String, TargetGroupInfo>>>of(() -> byName(
                    List.copyOf(tgNames), names -> gateway.elb().describeTargetGroups(names), TargetGroupInfo::name)))
                    .getFirst());
        }
    }

    /** Missing load balancers, each named once. */
    List<String> environmentProblems() {
        return List.copyOf(environmentProblems);
    }

    private String missingLoadBalancer(String name) {
        return "load balancer " + name + " not found in " + where + ": create it (with its listeners and target"
                + " groups), or fix elb.loadBalancer of the services that name it";
    }

    Result traffic(ElbTraffic t) {
        List<String> problems = new ArrayList<>();
        LoadBalancerInfo lb = loadBalancers.get(t.loadBalancer());
        ListenerInfo prod = null;
        ListenerInfo stage = null;
        Optional<RuleInfo> prodRule = Optional.empty();
        Optional<RuleInfo> stageRule = Optional.empty();
        if (lb == null) {
            problems.add(missingLoadBalancer(t.loadBalancer()));
        } else {
            prod = listenerOrProblem(t, t.prodListenerPort(), problems);
            stage = t.stageListenerPort() == t.prodListenerPort() ? prod : listenerOrProblem(t, t.stageListenerPort(), problems);
            if (prod != null && t.prodRule().isPresent()) prodRule = ruleOrProblem(t, prod, t.prodRule().get(), problems);
            if (stage != null && t.stageRule().isPresent()) stageRule = ruleOrProblem(t, stage, t.stageRule().get(), problems);
        }
        TargetGroupInfo a = targetGroupOrProblem(t, lb, Slot.A, problems);
        TargetGroupInfo b = targetGroupOrProblem(t, lb, Slot.B, problems);
        boolean complete = problems.isEmpty() && prod != null && stage != null && a != null && b != null;
        Optional<LiveElb> traffic = complete
                ? Optional.of(new LiveElb(lb, prod, stage, prodRule, stageRule, new SlotPair<>(a, b)))
                : Optional.empty();
        return new Result(traffic, problems);
    }

    private ListenerInfo listenerOrProblem(ElbTraffic t, int port, List<String> problems) {
        Optional<ListenerInfo> listener = listener(t.loadBalancer(), port);
        if (listener.isEmpty()) problems.add("listener :" + port + " not found on " + t.loadBalancer());
        return listener.orElse(null);
    }

    private Optional<RuleInfo> ruleOrProblem(ElbTraffic t, ListenerInfo listener, ListenerRule rule, List<String> problems) {
        String priority = Integer.toString(rule.priority());
        Optional<RuleInfo> found = rulesByListener.getOrDefault(listener.arn(), List.of()).stream()
                .filter(r -> !r.isDefault() && priority.equals(r.priority())).findFirst();
        if (found.isEmpty()) {
            problems.add("rule with priority " + priority + " not found on listener :" + listener.port() + " of " + t.loadBalancer());
        }
        return found;
    }

    private TargetGroupInfo targetGroupOrProblem(ElbTraffic t, LoadBalancerInfo lb, Slot slot, List<String> problems) {
        String name = t.targetGroups().get(slot);
        TargetGroupInfo tg = targetGroups.get(name);
        if (tg == null) {
            problems.add("target group " + name + " not found");
            return null;
        }
        // An application load balancer's target group belongs to one load balancer: the swap would
        // forward the spec's listeners to a group of another one, which ELB refuses halfway through.
        if (lb != null && !tg.loadBalancerArns().isEmpty() && !tg.loadBalancerArns().contains(lb.arn())) {
            problems.add("target group " + name + " is attached to " + String.join(", ", tg.loadBalancerArns()) + ", not to load balancer "
                    + t.loadBalancer() + " that the spec names: use target groups of " + t.loadBalancer() + ", or fix elb.loadBalancer");
        }
        // A target group that no listener or rule uses (e.g. after a swap interrupted between the prod and
        // the stage listener) is deliberately not a problem: the planner must still see traffic to repair it.
        // Nor is a target group port other than the container port: ECS registers each task on the container
        // port (ip targets) or its host port (instance targets), whatever the group's own port; the plan notes it.
        return tg;
    }

    private Optional<ListenerInfo> listener(String loadBalancer, int port) {
        return listenersByLb.getOrDefault(loadBalancer, List.of()).stream().filter(l -> l.port() == port).findFirst();
    }

    /**
     * One call for all names. AWS fails the whole call when one name is unknown, so only
     * then fall back to one call per name, to tell which ones exist.
     */
    private static <T> Map<String, T> byName(List<String> names, Function<List<String>, List<T>> describe,
                                             Function<T, String> nameOf) {
        Map<String, T> found = new HashMap<>();
        try {
            describe.apply(names).forEach(x -> found.put(nameOf.apply(x), x));
        } catch (CloudException e) {
            if (e.kind() != CloudException.Kind.NOT_FOUND) throw e;
            if (names.size() == 1) return found;
            for (String name : names) {
                try {
                    describe.apply(List.of(name)).forEach(x -> found.put(nameOf.apply(x), x));
                } catch (CloudException single) {
                    if (single.kind() != CloudException.Kind.NOT_FOUND) throw single;
                }
            }
        }
        return found;
    }
}
