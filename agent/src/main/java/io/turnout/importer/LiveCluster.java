package io.turnout.importer;

import io.turnout.cloud.CloudException;
import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.CloudMapServiceInfo;
import io.turnout.cloud.ClusterInfo;
import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.HostedZoneInfo;
import io.turnout.cloud.LoadBalancerBinding;
import io.turnout.cloud.NamespaceInfo;
import io.turnout.cloud.RecordSetInfo;
import io.turnout.cloud.ScalableTargetInfo;
import io.turnout.cloud.ScalingPolicyInfo;
import io.turnout.cloud.ServiceRegistryBinding;
import io.turnout.cloud.Tags;
import io.turnout.cloud.TargetGroupInfo;
import io.turnout.cloud.TaskDefinitionInfo;
import io.turnout.diff.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The services of one ECS cluster as they run, read through the cloud gateway (read-only):
 * ListServices (or the names asked for), DescribeServices 10 at a time, each task definition
 * once, auto scaling; then the traffic around them — for each load balancer their target groups
 * are attached to, its listeners, rules and target groups; for Cloud Map registries, the
 * namespaces and the weighted records of the account's zones.
 */
final class LiveCluster implements TrafficFacts {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final CloudGateway gateway;
    private final String cluster;
    private final List<FoundService> services = new ArrayList<>();
    private final Map<String, TargetGroupInfo> targetGroups = new HashMap<>();
    private final Map<String, ElbLayout> layouts = new HashMap<>();
    private final Map<String, CloudMapServiceInfo> cloudMapServices = new HashMap<>();
    private final Map<String, NamespaceInfo> namespaces = new HashMap<>();
    private final Map<String, List<CloudMapServiceInfo>> servicesByNamespace = new HashMap<>();
    private List<HostedZoneInfo> zones = List.of();
    private final Map<String, List<RecordSetInfo>> records = new HashMap<>();
    private String clusterArn;

    LiveCluster(CloudGateway gateway, String cluster) {
        this.gateway = gateway;
        this.cluster = cluster;
    }

    /** Reads the cluster: every service, or those named in {@code only} (each must exist). */
    LiveCluster read(List<String> only) {
        ClusterInfo info = gateway.ecs().describeClusters(List.of(cluster)).stream()
                .filter(c -> c.name().equals(cluster) && "ACTIVE".equals(c.status())).findFirst()
                .orElseThrow(() -> new ImportException("ECS cluster " + cluster + " not found (or not ACTIVE)",
                        "Check --cluster, --region and the account the credentials act in."));
        clusterArn = info.arn();
        List<String> names = only.isEmpty() ? gateway.ecs().listServices(cluster).stream().map(LiveCluster::lastSegment)
                .sorted().toList() : List.copyOf(new TreeSet<>(only));
        Map<String, EcsServiceInfo> found = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i += 10) {
            for (EcsServiceInfo s : gateway.ecs().describeServices(cluster, names.subList(i, Math.min(names.size(), i + 10))).services()) {
                if ("ACTIVE".equals(s.status())) found.put(s.name(), s);
            }
        }
        List<String> missing = names.stream().filter(n -> !found.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw new ImportException("ECS service" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                    + " not found (or not ACTIVE) in cluster " + cluster, "Check the names given to --service.");
        }
        Map<String, TaskDefinitionInfo> definitions = new HashMap<>();
        Map<String, ObjectNode> scaling = readScaling(found.keySet());
        for (EcsServiceInfo s : found.values()) {
            TaskDefinitionInfo td = definitions.computeIfAbsent(s.taskDefinitionArn(), arn -> describe(arn).orElse(null));
            services.add(found(s, Optional.ofNullable(td), Optional.ofNullable(scaling.get(s.name()))));
        }
        readLoadBalancers();
        readCloudMap();
        return this;
    }

    List<FoundService> services() {
        return List.copyOf(services);
    }

    /** The account and region of the cluster's ARN ({@code arn:aws:ecs:<region>:<account>:cluster/<name>}). */
    Optional<String> account() {
        String[] parts = clusterArn == null ? new String[0] : clusterArn.split(":");
        return parts.length > 4 && parts[4].matches("[0-9]{12}") ? Optional.of(parts[4]) : Optional.empty();
    }

    private Optional<TaskDefinitionInfo> describe(String arn) {
        try {
            return Optional.of(gateway.ecs().describeTaskDefinition(arn));
        } catch (CloudException e) {
            if (e.kind() != CloudException.Kind.NOT_FOUND) throw e;
            return Optional.empty();
        }
    }

    private FoundService found(EcsServiceInfo s, Optional<TaskDefinitionInfo> td, Optional<ObjectNode> scaling) {
        List<Unexpressed> unexpressed = new ArrayList<>();
        if (td.isEmpty()) {
            unexpressed.add(new Unexpressed(s.name(), "task definition " + s.taskDefinitionArn(),
                    "it no longer exists (deregistered or deleted): the service is not imported"));
        }
        Map<String, String> turnoutTags = new TreeMap<>();
        ArrayNode tagList = NODES.arrayNode();
        s.tags().forEach((k, v) -> tagList.addObject().put("key", k).put("value", v));
        s.tags().forEach((k, v) -> {
            if (k.startsWith("turnout:") || k.equals(Tags.BG_VERSION)) turnoutTags.put(k, v);
        });
        JsonNode settings = s.settings();
        List<JsonNode> lbs = new ArrayList<>();
        for (LoadBalancerBinding b : s.loadBalancers()) {
            ObjectNode lb = NODES.objectNode();
            if (b.targetGroupArn() != null) lb.put("targetGroupArn", b.targetGroupArn());
            lb.put("containerName", b.containerName()).put("containerPort", b.containerPort());
            // ECS's own blue/green: the second target group and the listener rules ECS moves
            b.advanced().ifPresent(a -> {
                ObjectNode advanced = lb.putObject("advancedConfiguration");
                if (a.alternateTargetGroupArn() != null) advanced.put("alternateTargetGroupArn", a.alternateTargetGroupArn());
                if (a.productionListenerRule() != null) advanced.put("productionListenerRule", a.productionListenerRule());
                if (a.testListenerRule() != null) advanced.put("testListenerRule", a.testListenerRule());
                if (a.roleArn() != null) advanced.put("roleArn", a.roleArn());
            });
            lbs.add(lb);
        }
        return new FoundService(s.name(), "cluster " + cluster,
                td.map(t -> TaskDefinitionCleanup.request(t.definition())),
                ServiceSettingsCleanup.settings(settings, true), Optional.of(s.desiredCount()), s.runningCount(),
                ServiceSettingsCleanup.tags(NODES.objectNode().set("tags", tagList)), lbs,
                s.serviceRegistries().stream().map(ServiceRegistryBinding::registryArn).toList(),
                settings.path("deploymentController").path("type").asString("ECS"), turnoutTags, scaling, unexpressed);
    }

    /** Scalable targets of the services (50 per call) and each one's policies, as a spec's autoScaling. */
    private Map<String, ObjectNode> readScaling(Set<String> names) {
        List<String> ids = names.stream().map(n -> ScalableTargetInfo.resourceId(cluster, n)).toList();
        Map<String, ObjectNode> byService = new HashMap<>();
        for (int i = 0; i < ids.size(); i += 50) {
            for (ScalableTargetInfo t : gateway.autoScaling().describeScalableTargets(ids.subList(i, Math.min(ids.size(), i + 50)))) {
                List<ScalingPolicyInfo> policies = gateway.autoScaling().describeScalingPolicies(t.resourceId()).stream()
                        .sorted(Comparator.comparing(ScalingPolicyInfo::policyName)).toList();
                byService.put(lastSegment(t.resourceId()), Normalizer.autoScaling(t, policies));
            }
        }
        return byService;
    }

    /** Each target group the services use, and the load balancers they are attached to. */
    private void readLoadBalancers() {
        Set<String> arns = new TreeSet<>();
        services.forEach(s -> arns.addAll(s.targetGroupArns()));
        for (String arn : arns) {
            try {
                gateway.elb().describeTargetGroups(List.of(ElbPair.TargetGroupRef.nameOf(arn))).stream()
                        .filter(tg -> tg.arn().equals(arn)).forEach(tg -> targetGroups.put(arn, tg));
            } catch (CloudException e) {
                if (e.kind() != CloudException.Kind.NOT_FOUND) throw e;
            }
        }
        Set<String> loadBalancers = new TreeSet<>();
        targetGroups.values().forEach(tg -> loadBalancers.addAll(tg.loadBalancerArns()));
        for (String lbArn : loadBalancers) {
            var listeners = gateway.elb().describeListeners(lbArn);
            Map<String, List<io.turnout.cloud.RuleInfo>> rules = new HashMap<>();
            listeners.forEach(l -> rules.put(l.arn(), gateway.elb().describeRules(l.arn())));
            ElbLayout layout = new ElbLayout(new io.turnout.cloud.LoadBalancerInfo(lbArn, loadBalancerName(lbArn), "", ""),
                    listeners, rules, gateway.elb().describeTargetGroupsOf(lbArn));
            layouts.put(lbArn, layout);
        }
    }

    /** Cloud Map services behind the registries, and — when there are any — the account's zones and their records. */
    private void readCloudMap() {
        if (services.stream().allMatch(s -> s.registryArns().isEmpty())) return;
        for (NamespaceInfo ns : gateway.cloudMap().listNamespaces()) {
            namespaces.put(ns.id(), ns);
            List<CloudMapServiceInfo> list = gateway.cloudMap().listServices(ns.id());
            servicesByNamespace.put(ns.id(), list);
            list.forEach(cm -> cloudMapServices.put(cm.arn(), cm));
        }
        zones = gateway.route53().listHostedZones();
    }

    @Override
    public boolean read() {
        return true;
    }

    @Override
    public Optional<ElbLayout.Result> elb(String targetGroupArn, Set<String> takenByOthers) {
        TargetGroupInfo tg = targetGroups.get(targetGroupArn);
        if (tg == null || tg.loadBalancerArns().isEmpty()) return Optional.empty();
        ElbLayout layout = layouts.get(tg.loadBalancerArns().getFirst());
        return layout == null ? Optional.empty() : Optional.of(layout.around(targetGroupArn, takenByOthers));
    }

    @Override
    public Optional<Integer> targetGroupPort(String targetGroupArn) {
        return Optional.ofNullable(targetGroups.get(targetGroupArn)).map(TargetGroupInfo::port);
    }

    @Override
    public Optional<DnsPair> dns(String registryArn) {
        CloudMapServiceInfo own = cloudMapServices.get(registryArn);
        if (own == null) return Optional.empty();
        NamespaceInfo ns = namespaces.get(own.namespaceId());
        return DnsPair.find(own, ns, servicesByNamespace.getOrDefault(own.namespaceId(), List.of()), zones,
                zone -> records.computeIfAbsent(zone.id(), id -> gateway.route53().listResourceRecordSets(id)));
    }

    /** {@code shop-alb} from {@code arn:…:loadbalancer/app/shop-alb/<id>}. */
    static String loadBalancerName(String arn) {
        String[] parts = arn.split("/");
        return parts.length >= 3 ? parts[parts.length - 2] : arn;
    }

    static String lastSegment(String nameOrArn) {
        return nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
    }
}
