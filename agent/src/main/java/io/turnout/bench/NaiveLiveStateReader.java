package io.turnout.bench;

import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.CloudMapServiceInfo;
import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.HostedZoneInfo;
import io.turnout.cloud.ListenerInfo;
import io.turnout.cloud.LoadBalancerInfo;
import io.turnout.cloud.NamespaceInfo;
import io.turnout.cloud.RecordSetInfo;
import io.turnout.cloud.RuleInfo;
import io.turnout.cloud.ScalableTargetInfo;
import io.turnout.cloud.TargetGroupInfo;
import io.turnout.live.LiveDns;
import io.turnout.live.LiveElb;
import io.turnout.live.LiveScaling;
import io.turnout.live.LiveService;
import io.turnout.live.LiveSlot;
import io.turnout.live.LiveState;
import io.turnout.live.LiveTraffic;
import io.turnout.spec.AwsEngine;
import io.turnout.spec.BlueGreen;
import io.turnout.spec.DnsTraffic;
import io.turnout.spec.EffectiveService;
import io.turnout.spec.ElbTraffic;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.ListenerRule;
import io.turnout.spec.SingleService;
import io.turnout.spec.Slot;
import io.turnout.spec.SlotPair;
import io.turnout.spec.SpecTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a per-service tool does, for the benchmark's side-by-side column only: for every service
 * on its own, its load balancer, listeners, rules and both target groups (or its zone, records
 * and Cloud Map services), then each slot's ECS service, task definition and auto scaling, one
 * call each, one after another. It reads everything and trusts no tag, so its live state is
 * complete (every slot read in full). Not used by Turnout itself; the estate it reads is
 * complete, so it reports no problems beyond "absent".
 */
final class NaiveLiveStateReader {
    private final CloudGateway gateway;

    NaiveLiveStateReader(CloudGateway gateway) {
        this.gateway = gateway;
    }

    public LiveState read(EnvironmentSpec environment, SpecTree specs) {
        String cluster = environment.cluster();
        boolean clusterExists = gateway.ecs().describeClusters(List.of(cluster)).stream()
                .anyMatch(c -> "ACTIVE".equals(c.status()));
        Map<String, LiveService> services = new TreeMap<>();
        for (EffectiveService svc : specs.servicesIn(environment)) {
            services.put(svc.name(), switch (svc.strategy()) {
                case BlueGreen bg -> new LiveService(svc.name(), slot(cluster, Slot.A, bg.ecsServiceName(svc.name(), Slot.A)),
                        slot(cluster, Slot.B, bg.ecsServiceName(svc.name(), Slot.B)), Optional.empty(), traffic(svc.name(), bg),
                        List.of(), Set.of(), bg.ecsServiceNames(svc.name()));
                // the synthetic estate has none; a per-service tool would read the one ECS service
                case AwsEngine engine -> LiveService.engine(svc.name(), slot(cluster, null, engine.ecsServiceName(svc.name())),
                        List.of(), Optional.empty());
                case SingleService rolling -> new LiveService(svc.name(), Optional.empty(), Optional.empty(),
                        slot(cluster, null, rolling.ecsServiceName(svc.name())), Optional.empty(), List.of());
            });
        }
        return new LiveState(environment.name(), cluster, clusterExists, services);
    }

    private Optional<LiveTraffic> traffic(String service, BlueGreen bg) {
        return switch (bg.traffic()) {
            case ElbTraffic t -> elb(t).map(x -> x);
            case DnsTraffic t -> dns(service, t).map(x -> x);
        };
    }

    private Optional<LiveElb> elb(ElbTraffic t) {
        LoadBalancerInfo lb = gateway.elb().describeLoadBalancers(List.of(t.loadBalancer())).getFirst();
        List<ListenerInfo> listeners = gateway.elb().describeListeners(lb.arn());
        Optional<ListenerInfo> prod = listeners.stream().filter(l -> l.port() == t.prodListenerPort()).findFirst();
        Optional<ListenerInfo> stage = listeners.stream().filter(l -> l.port() == t.stageListenerPort()).findFirst();
        if (prod.isEmpty() || stage.isEmpty()) return Optional.empty();
        Optional<RuleInfo> prodRule = t.prodRule().flatMap(r -> rule(prod.get(), r));
        Optional<RuleInfo> stageRule = t.stageRule().flatMap(r -> rule(stage.get(), r));
        TargetGroupInfo a = gateway.elb().describeTargetGroups(List.of(t.targetGroups().a())).getFirst();
        TargetGroupInfo b = gateway.elb().describeTargetGroups(List.of(t.targetGroups().b())).getFirst();
        return Optional.of(new LiveElb(lb, prod.get(), stage.get(), prodRule, stageRule, new SlotPair<>(a, b)));
    }

    private Optional<RuleInfo> rule(ListenerInfo listener, ListenerRule rule) {
        String priority = Integer.toString(rule.priority());
        return gateway.elb().describeRules(listener.arn()).stream()
                .filter(r -> !r.isDefault() && priority.equals(r.priority())).findFirst();
    }

    private Optional<LiveDns> dns(String service, DnsTraffic t) {
        Optional<HostedZoneInfo> zone = gateway.route53().listHostedZonesByName(t.hostedZone()).stream().findFirst();
        Optional<NamespaceInfo> ns = gateway.cloudMap().listNamespaces().stream()
                .filter(n -> n.name().equals(t.namespace())).findFirst();
        if (zone.isEmpty() || ns.isEmpty()) return Optional.empty();
        List<RecordSetInfo> records = gateway.route53().listResourceRecordSets(zone.get().id());
        List<CloudMapServiceInfo> cloudMap = gateway.cloudMap().listServices(ns.get().id());
        Optional<CloudMapServiceInfo> a = cloudMap.stream().filter(s -> s.name().equals(t.cloudMapServices().a())).findFirst();
        Optional<CloudMapServiceInfo> b = cloudMap.stream().filter(s -> s.name().equals(t.cloudMapServices().b())).findFirst();
        if (a.isEmpty() || b.isEmpty()) return Optional.empty();
        return Optional.of(new LiveDns(zone.get(), record(records, service, Slot.A), record(records, service, Slot.B),
                new SlotPair<>(a.get(), b.get())));
    }

    private static Optional<RecordSetInfo> record(List<RecordSetInfo> records, String service, Slot slot) {
        String id = service + "-" + slot.id();
        return records.stream().filter(r -> id.equals(r.setIdentifier())).findFirst();
    }

    /** One ECS service, its task definition and its auto scaling: one call each. */
    private Optional<LiveSlot> slot(String cluster, Slot slot, String ecsName) {
        List<EcsServiceInfo> found = gateway.ecs().describeServices(cluster, List.of(ecsName)).services().stream()
                .filter(s -> "ACTIVE".equals(s.status())).toList();
        if (found.isEmpty()) return Optional.empty();
        EcsServiceInfo svc = found.getFirst();
        String resourceId = ScalableTargetInfo.resourceId(cluster, ecsName);
        List<ScalableTargetInfo> targets = gateway.autoScaling().describeScalableTargets(List.of(resourceId));
        Optional<LiveScaling> scaling = targets.isEmpty() ? Optional.empty() : Optional.of(new LiveScaling(targets.getFirst(),
                new ArrayList<>(gateway.autoScaling().describeScalingPolicies(resourceId))));
        return Optional.of(new LiveSlot(slot, svc, gateway.ecs().describeTaskDefinition(svc.taskDefinitionArn()), scaling));
    }
}
