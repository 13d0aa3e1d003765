package io.turnout.plan;

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
    public List<Step> verify(Slot slot, String ecsServiceName, Verification verification) {
        TargetGroupInfo tg = live.targetGroups().get(slot);
        List<Step> steps = new ArrayList<>();
        if (!tg.arn().equals(live.stageTargetGroupArn())) {
            steps.add(new PointStage(service, live.loadBalancer().name(), slot,
                    route(live.stageListener(), live.stageRule(), spec.stageRule()), tg.name(), tg.arn()));
        }
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
