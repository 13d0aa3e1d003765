package io.turnout.testing;

import io.turnout.cloud.CloudMapServiceInfo;
import io.turnout.cloud.EcsDeployment;
import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.HostedZoneInfo;
import io.turnout.cloud.ListenerInfo;
import io.turnout.cloud.LoadBalancerBinding;
import io.turnout.cloud.LoadBalancerInfo;
import io.turnout.cloud.RecordSetInfo;
import io.turnout.cloud.RuleInfo;
import io.turnout.cloud.ScalableTargetInfo;
import io.turnout.cloud.ScalingPolicyInfo;
import io.turnout.cloud.ServiceRegistryBinding;
import io.turnout.cloud.Tags;
import io.turnout.cloud.TargetGroupInfo;
import io.turnout.cloud.TaskDefinitionInfo;
import io.turnout.diff.Normalizer;
import io.turnout.live.EngineDeployment;
import io.turnout.live.LiveDns;
import io.turnout.live.LiveElb;
import io.turnout.live.LiveScaling;
import io.turnout.live.LiveService;
import io.turnout.live.LiveSlot;
import io.turnout.live.LiveTraffic;
import io.turnout.spec.AutoScaling;
import io.turnout.spec.AwsEngine;
import io.turnout.spec.BlueGreen;
import io.turnout.spec.DnsTraffic;
import io.turnout.spec.EffectiveService;
import io.turnout.spec.ElbTraffic;
import io.turnout.spec.JsonMerge;
import io.turnout.spec.Rolling;
import io.turnout.spec.Slot;
import io.turnout.spec.SlotPair;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Live state as AWS would describe it after Turnout deployed a service: ARNs like AWS's
 * (deterministic ids derived from names), definitions and settings with AWS's additions
 * ({@link AwsEcho}). Account 222222222222, region eu-west-1.
 */
public final class LiveFixtures {
    public static final String ACCOUNT = "222222222222";
    public static final String REGION = "eu-west-1";

    private LiveFixtures() {}

    public static String id(String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 16);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String elbArn(String kind, String name) {
        return "arn:aws:elasticloadbalancing:" + REGION + ":" + ACCOUNT + ":" + kind + "/" + name + "/" + id(name);
    }

    public static String taskDefinitionArn(String family, int revision) {
        return "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":task-definition/" + family + ":" + revision;
    }

    /** A registered revision of {@code request}, as DescribeTaskDefinition returns it. */
    public static TaskDefinitionInfo taskDefinition(JsonNode request, int revision) {
        String family = request.path("family").asString();
        String arn = taskDefinitionArn(family, revision);
        return new TaskDefinitionInfo(arn, family, revision, "ACTIVE", AwsEcho.taskDefinition(request, arn, revision));
    }

    /**
     * One slot (or the single service, {@code slot} null) running {@code td} with {@code count} tasks.
     * {@code blue} decides the BG_VERSION tag; scaling is attached when given.
     */
    public static LiveSlot slot(EffectiveService svc, String cluster, Slot slot, TaskDefinitionInfo td, int count,
                                boolean blue, Optional<AutoScaling> scaling, LiveTraffic traffic) {
        String name = slot == null ? svc.name() : slot.ecsServiceName(svc.name());
        Map<String, String> tags = new TreeMap<>();
        tags.put(Tags.ENVIRONMENT, svc.environment());
        tags.put(Tags.SERVICE, svc.name());
        if (slot != null) {
            tags.put(Tags.SLOT, slot.id());
            tags.put(Tags.BG_VERSION, blue ? Tags.BLUE : Tags.GREEN);
        }
        tags.put(Tags.COMMIT, "0ld5eed");
        List<LoadBalancerBinding> lbs = new ArrayList<>();
        List<ServiceRegistryBinding> registries = new ArrayList<>();
        if (traffic instanceof LiveElb elb && slot != null && svc.strategy() instanceof BlueGreen bg
                && bg.traffic() instanceof ElbTraffic spec) {
            lbs.add(new LoadBalancerBinding(elb.targetGroups().get(slot).arn(), spec.containerName(), spec.containerPort()));
        }
        if (traffic instanceof LiveDns dns && slot != null) {
            registries.add(new ServiceRegistryBinding(dns.cloudMapServices().get(slot).arn()));
        }
        JsonNode settings = svc.service();
        if (svc.strategy() instanceof Rolling r) {
            settings = JsonMerge.merge(settings, rollingSettings(r));
        }
        String arn = "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":service/" + cluster + "/" + name;
        EcsServiceInfo info = new EcsServiceInfo(arn, name, "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":cluster/" + cluster,
                "ACTIVE", td.arn(), count, count, 0, lbs, registries,
                List.of(new EcsDeployment("ecs-svc/" + id(name + td.arn()), "PRIMARY", td.arn(), count, 0, count,
                        "COMPLETED", "ECS deployment completed.")),
                tags, AwsEcho.serviceSettings(settings));
        String resourceId = ScalableTargetInfo.resourceId(cluster, name);
        Optional<LiveScaling> liveScaling = scaling.map(s -> scaling(s, resourceId));
        return new LiveSlot(slot, info, td, liveScaling);
    }

    private static JsonNode rollingSettings(Rolling r) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        ObjectNode d = s.putObject("deploymentConfiguration");
        d.putObject("deploymentCircuitBreaker").put("enable", r.circuitBreaker()).put("rollback", r.rollback());
        r.minimumHealthyPercent().ifPresent(p -> d.put("minimumHealthyPercent", p));
        r.maximumPercent().ifPresent(p -> d.put("maximumPercent", p));
        return s;
    }

    /** Auto scaling as DescribeScalableTargets/DescribeScalingPolicies report it. */
    public static LiveScaling scaling(AutoScaling s, String resourceId) {
        List<ScalingPolicyInfo> policies = new ArrayList<>();
        for (JsonNode p : s.policies()) {
            String type = p.path("PolicyType").asString("StepScaling");
            ObjectNode config = (ObjectNode) p.path(Normalizer.configurationField(type)).deepCopy();
            if (type.equals("TargetTrackingScaling")) config.putIfAbsent("DisableScaleIn",
                    JsonNodeFactory.instance.booleanNode(false));
            policies.add(new ScalingPolicyInfo(p.path("PolicyName").asString(), resourceId, type, config));
        }
        return new LiveScaling(new ScalableTargetInfo(resourceId, s.minCapacity(), s.maxCapacity()), policies);
    }

    /** ELB resources of {@code spec}; production (and the other slot on stage) at {@code prod}, or nowhere when null. */
    public static LiveElb elb(ElbTraffic spec, Slot prod) {
        String lbArn = elbArn("loadbalancer/app", spec.loadBalancer());
        LoadBalancerInfo lb = new LoadBalancerInfo(lbArn, spec.loadBalancer(), "application",
                spec.loadBalancer() + "-" + id(spec.loadBalancer()).substring(0, 8) + "." + REGION + ".elb.amazonaws.com");
        SlotPair<TargetGroupInfo> tgs = spec.targetGroups().map(n ->
                new TargetGroupInfo(elbArn("targetgroup", n), n, spec.containerPort(), "HTTP", "ip", List.of(lbArn)));
        String prodTg = prod == null ? null : tgs.get(prod).arn();
        String stageTg = prod == null ? null : tgs.get(prod.other()).arn();
        boolean rules = spec.prodRule().isPresent();
        ListenerInfo prodListener = new ListenerInfo(elbArn("listener/app", spec.loadBalancer() + "-" + spec.prodListenerPort()),
                lbArn, spec.prodListenerPort(), "HTTPS", rules ? null : prodTg);
        ListenerInfo stageListener = new ListenerInfo(elbArn("listener/app", spec.loadBalancer() + "-" + spec.stageListenerPort()),
                lbArn, spec.stageListenerPort(), "HTTPS", rules ? null : stageTg);
        Optional<RuleInfo> prodRule = spec.prodRule().map(r -> new RuleInfo(
                elbArn("listener-rule/app", spec.loadBalancer() + "-" + spec.prodListenerPort() + "-" + r.priority()),
                prodListener.arn(), String.valueOf(r.priority()), false, prodTg));
        Optional<RuleInfo> stageRule = spec.stageRule().map(r -> new RuleInfo(
                elbArn("listener-rule/app", spec.loadBalancer() + "-" + spec.stageListenerPort() + "-" + r.priority()),
                stageListener.arn(), String.valueOf(r.priority()), false, stageTg));
        return new LiveElb(lb, prodListener, stageListener, prodRule, stageRule, tgs);
    }

    /** DNS resources of {@code spec}; weighted records 100/0 towards {@code prod}, or no records when null. */
    public static LiveDns dns(DnsTraffic spec, String service, Slot prod) {
        HostedZoneInfo zone = new HostedZoneInfo("Z" + id(spec.hostedZone()).toUpperCase(java.util.Locale.ROOT),
                spec.hostedZone(), true);
        String nsId = "ns-" + id(spec.namespace());
        SlotPair<CloudMapServiceInfo> cm = spec.cloudMapServices().map(n -> new CloudMapServiceInfo("srv-" + id(n),
                "arn:aws:servicediscovery:" + REGION + ":" + ACCOUNT + ":service/srv-" + id(n), n, nsId));
        Optional<RecordSetInfo> a = Optional.empty();
        Optional<RecordSetInfo> b = Optional.empty();
        if (prod != null) {
            String name = spec.recordName().endsWith(".") ? spec.recordName() : spec.recordName() + ".";
            a = Optional.of(new RecordSetInfo(name, "CNAME", service + "-a", prod == Slot.A ? 100L : 0L, spec.ttl(),
                    List.of(cm.a().name() + "." + spec.namespace())));
            b = Optional.of(new RecordSetInfo(name, "CNAME", service + "-b", prod == Slot.B ? 100L : 0L, spec.ttl(),
                    List.of(cm.b().name() + "." + spec.namespace())));
        }
        return new LiveDns(zone, a, b, cm);
    }

    /** A blue/green service with both slots: {@code blue} runs {@code blueTd}, the other {@code greenTd} at 0 tasks. */
    public static LiveService blueGreen(EffectiveService svc, String cluster, Slot blue, TaskDefinitionInfo blueTd,
                                        int blueCount, TaskDefinitionInfo greenTd, Optional<AutoScaling> scaling) {
        BlueGreen bg = (BlueGreen) svc.strategy();
        LiveTraffic traffic = bg.traffic() instanceof ElbTraffic elb ? elb(elb, blue)
                : dns((DnsTraffic) bg.traffic(), svc.name(), blue);
        LiveSlot blueSlot = slot(svc, cluster, blue, blueTd, blueCount, true, scaling, traffic);
        LiveSlot greenSlot = slot(svc, cluster, blue.other(), greenTd, 0, false, Optional.empty(), traffic);
        Optional<LiveSlot> a = Optional.of(blue == Slot.A ? blueSlot : greenSlot);
        Optional<LiveSlot> b = Optional.of(blue == Slot.B ? blueSlot : greenSlot);
        return new LiveService(svc.name(), a, b, Optional.empty(), Optional.of(traffic), List.of());
    }

    /** A blue/green service before its first deployment: traffic infrastructure only, routes forwarding nowhere. */
    public static LiveService infrastructureOnly(EffectiveService svc) {
        return infrastructureOnly(svc, null);
    }

    /**
     * A blue/green service before its first deployment: traffic infrastructure only; the prod
     * route already forwards to {@code prodPointsAt}'s target group (as a load balancer is usually
     * created) and stage to the other's, or both nowhere when null.
     */
    public static LiveService infrastructureOnly(EffectiveService svc, Slot prodPointsAt) {
        BlueGreen bg = (BlueGreen) svc.strategy();
        LiveTraffic traffic = bg.traffic() instanceof ElbTraffic elb ? elb(elb, prodPointsAt)
                : dns((DnsTraffic) bg.traffic(), svc.name(), prodPointsAt);
        return new LiveService(svc.name(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(traffic),
                List.of());
    }

    /** A rolling service running {@code td}. */
    /**
     * A service of AWS's own engines running {@code td}, deployed by Turnout (its tags say so, with
     * {@code previous} as what it ran before), its load balancers as the spec has them, and the
     * engine's deployment under way when given.
     */
    public static LiveService engine(EffectiveService svc, String cluster, TaskDefinitionInfo td, int count,
                                     Optional<TaskDefinitionInfo> previous, Optional<EngineDeployment> deployment) {
        AwsEngine engine = (AwsEngine) svc.strategy();
        String name = engine.ecsServiceName(svc.name());
        Map<String, String> tags = new TreeMap<>(Map.of(Tags.ENVIRONMENT, svc.environment(), Tags.SERVICE, svc.name(),
                Tags.COMMIT, "0ld5eed", Tags.TASK_DEFINITION, td.arn()));
        previous.ifPresent(p -> {
            tags.put(Tags.PREVIOUS_TASK_DEFINITION, p.arn());
            tags.put(Tags.PREVIOUS_SPEC_HASH, "0123456789abcdef");
        });
        List<LoadBalancerBinding> lbs = new ArrayList<>();
        for (JsonNode lb : svc.service().path("loadBalancers")) {
            JsonNode a = lb.path("advancedConfiguration");
            lbs.add(new LoadBalancerBinding(lb.path("targetGroupArn").asString(), lb.path("containerName").asString(),
                    lb.path("containerPort").asInt(), a.isObject() ? Optional.of(new LoadBalancerBinding.AdvancedConfiguration(
                    a.path("alternateTargetGroupArn").asString(), a.path("productionListenerRule").asString(),
                    a.path("testListenerRule").asString(null), a.path("roleArn").asString(null))) : Optional.empty()));
        }
        ObjectNode settings = (ObjectNode) svc.service().deepCopy();
        settings.remove("loadBalancers");
        settings.putObject("deploymentController").put("type", engine.deploymentController());
        String arn = "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":service/" + cluster + "/" + name;
        String running = deployment.isPresent() ? "IN_PROGRESS" : "COMPLETED";
        EcsServiceInfo info = new EcsServiceInfo(arn, name, "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":cluster/" + cluster,
                "ACTIVE", td.arn(), count, count, 0, lbs, List.of(),
                List.of(new EcsDeployment("ecs-svc/" + id(name + td.arn()), "PRIMARY", td.arn(), count, 0, count,
                        running, "ECS deployment " + running.toLowerCase(Locale.ROOT) + ".")),
                tags, AwsEcho.serviceSettings(settings));
        return LiveService.engine(svc.name(), Optional.of(new LiveSlot(null, info, td, Optional.empty())), List.of(), deployment);
    }

    public static LiveService rolling(EffectiveService svc, String cluster, TaskDefinitionInfo td, int count) {
        LiveSlot single = slot(svc, cluster, null, td, count, false, Optional.empty(), null);
        return new LiveService(svc.name(), Optional.empty(), Optional.empty(), Optional.of(single), Optional.empty(),
                List.of());
    }
}
