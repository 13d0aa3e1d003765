package io.turnout.plan;

import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.ListenerInfo;
import io.turnout.cloud.LoadBalancerBinding;
import io.turnout.cloud.RuleInfo;
import io.turnout.cloud.TargetGroupInfo;
import io.turnout.live.LiveElb;
import io.turnout.spec.ElbTraffic;
import io.turnout.spec.ListenerRule;
import io.turnout.spec.Slot;
import io.turnout.spec.Verification;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** ELB mode: slots bound to target groups; the swap points the prod route at one and the stage route at the other. */
record ElbTrafficSteps(String service, ElbTraffic spec, LiveElb live) implements TrafficSteps {

    static TrafficSteps.Result of(String service, ElbTraffic spec, LiveElb live) {
        if (spec.prodRule().isPresent() && live.prodRule().isEmpty()) {
            return TrafficSteps.Result.problem(missingRule("prod", spec.prodRule().get(), live.prodListener()));
        }
        if (spec.stageRule().isPresent() && live.stageRule().isEmpty()) {
            return TrafficSteps.Result.problem(missingRule("stage", spec.stageRule().get(), live.stageListener()));
        }
        return TrafficSteps.Result.ok(new ElbTrafficSteps(service, spec, live));
    }

    private static String missingRule(String which, ListenerRule rule, ListenerInfo listener) {
        return "listener rule with priority " + rule.priority() + " (" + which + ") not found on listener "
                + listener.port() + ": create it, or remove " + which + "Rule from the spec to swap the listener itself";
    }

    @Override
    public String mode() {
        return "elb";
    }

    @Override
    public Optional<String> mainContainer() {
        return Optional.of(spec.containerName());
    }

    @Override
    public SlotBinding binding(Slot slot) {
        TargetGroupInfo tg = live.targetGroups().get(slot);
        return SlotBinding.targetGroup(tg.name(),
                new LoadBalancerBinding(tg.arn(), spec.containerName(), spec.containerPort()));
    }

    @Override
    public Optional<String> boundElsewhere(Slot slot, EcsServiceInfo service) {
        LoadBalancerBinding expected = binding(slot).loadBalancer().orElseThrow();
        List<LoadBalancerBinding> actual = service.loadBalancers();
        if (actual.equals(List.of(expected))) return Optional.empty();
        if (actual.isEmpty()) return Optional.of("registered in no target group");
        return Optional.of("registered in " + actual.stream().map(b -> "target group " + name(b.targetGroupArn())
                + " (container " + b.containerName() + ":" + b.containerPort() + ")").collect(Collectors.joining(" and ")));
    }

    /**
     * AWS accepts a target group whose own port differs from the container port: ECS registers
     * each task on the container port (ip targets) or its host port (instance targets), and the
     * group's port only serves as the default for targets registered without one.
     */
    @Override
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        for (Slot slot : Slot.values()) {
            TargetGroupInfo tg = live.targetGroups().get(slot);
            if (tg.port() != 0 && tg.port() != spec.containerPort()) {
                notes.add("target group " + tg.name() + " has port " + tg.port() + ", container " + spec.containerName()
                        + " listens on " + spec.containerPort() + ": fine, ECS registers the tasks on the container port");
            }
        }
        return notes;
    }

    /** A target group's name from its ARN ({@code arn:…:targetgroup/<name>/<id>}). */
    static String name(String targetGroupArn) {
        String[] parts = targetGroupArn.split("/");
        return parts.length >= 3 ? parts[parts.length - 2] : targetGroupArn;
    }

    @Override
    public List<Step> prepare(Slot slot) {
        return stageFirst(slot) ? List.of(pointStage(slot)) : List.of();
    }

    /** The slot's group is attached to no load balancer (AWS refuses services in it) and stage does not forward there. */
    private boolean stageFirst(Slot slot) {
        TargetGroupInfo tg = live.targetGroups().get(slot);
        return tg.loadBalancerArns().isEmpty() && !tg.arn().equals(live.stageTargetGroupArn());
    }

    private PointStage pointStage(Slot slot) {
        TargetGroupInfo tg = live.targetGroups().get(slot);
        return new PointStage(service, live.loadBalancer().name(), slot,
                route(live.stageListener(), live.stageRule(), spec.stageRule()), tg.name(), tg.arn());
    }

    @Override
    public List<Step> verify(Slot slot, String ecsServiceName, Verification verification) {
        TargetGroupInfo tg = live.targetGroups().get(slot);
        List<Step> steps = new ArrayList<>();
        if (!tg.arn().equals(live.stageTargetGroupArn()) && !stageFirst(slot)) steps.add(pointStage(slot));
        ListenerInfo stage = live.stageListener();
        String protocol = stage.protocol() == null ? "" : stage.protocol().toLowerCase(Locale.ROOT);
        // HTTP checks go through the stage listener; a network load balancer's TCP listener cannot carry them
        Optional<String> endpoint = protocol.startsWith("http")
                ? Optional.of(protocol + "://" + live.loadBalancer().dnsName() + ":" + stage.port())
                : Optional.empty();
        steps.add(new Verify(service, slot, ecsServiceName, Optional.of(tg.name()), Optional.of(tg.arn()), endpoint,
                verification));
        return steps;
    }

    @Override
    public List<Step> moveProduction(Slot to, boolean firstTime) {
        TargetGroupInfo toGroup = live.targetGroups().get(to);
        TargetGroupInfo otherGroup = live.targetGroups().get(to.other());
        return List.of(new SwapTraffic(service, live.loadBalancer().name(), live.loadBalancer().arn(), to,
                route(live.prodListener(), live.prodRule(), spec.prodRule()), toGroup.name(), toGroup.arn(),
                route(live.stageListener(), live.stageRule(), spec.stageRule()), otherGroup.name(), otherGroup.arn()));
    }

    private static ListenerRoute route(ListenerInfo listener, Optional<RuleInfo> rule, Optional<ListenerRule> specRule) {
        return new ListenerRoute(listener.arn(), listener.port(), rule.map(RuleInfo::arn),
                specRule.map(ListenerRule::priority));
    }
}
