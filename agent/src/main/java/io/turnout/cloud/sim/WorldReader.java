package io.turnout.cloud.sim;

import io.turnout.cloud.AlarmInfo;
import io.turnout.cloud.CloudException;
import io.turnout.cloud.CloudMapServiceInfo;
import io.turnout.cloud.LoadBalancerBinding;
import io.turnout.cloud.RecordSetInfo;
import io.turnout.cloud.ScalableTargetInfo;
import io.turnout.cloud.ScalingPolicyInfo;
import io.turnout.cloud.ServiceRegistryBinding;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds a {@link SimulatedCloud} from a parsed {@code kind: SimulatedWorld} document. */
final class WorldReader {
    private static final Set<String> SERVICE_STATUSES = Set.of("ACTIVE", "DRAINING", "INACTIVE");

    private final WorldFields f;

    WorldReader(String file) {
        this.f = new WorldFields(file);
    }

    SimulatedCloud read(JsonNode doc, InstantSource clock) {
        f.onlyFields(doc, "(document)", "apiVersion", "kind", "metadata", "spec");
        if (!"turnout/v1".equals(doc.path("apiVersion").asString(null))) throw f.error("apiVersion", "must be turnout/v1");
        if (!"SimulatedWorld".equals(doc.path("kind").asString(null))) throw f.error("kind", "must be SimulatedWorld");
        JsonNode spec = doc.get("spec");
        f.onlyFields(spec, "spec", "simulation", "regions");
        SimulationSettings settings = SimulationSettings.DEFAULT;
        if (spec.has("simulation")) {
            JsonNode sim = spec.get("simulation");
            f.onlyFields(sim, "spec.simulation", "taskStartDelay", "healthCheckDelay", "dnsChangeDelay");
            settings = new SimulationSettings(
                    f.duration(sim, "taskStartDelay", "spec.simulation", settings.taskStartDelay()),
                    f.duration(sim, "healthCheckDelay", "spec.simulation", settings.healthCheckDelay()),
                    f.duration(sim, "dnsChangeDelay", "spec.simulation", settings.dnsChangeDelay()));
        }
        SimulatedCloud cloud = new SimulatedCloud(clock, settings);
        List<JsonNode> regions = f.list(spec, "regions", "spec");
        for (int i = 0; i < regions.size(); i++) readRegion(cloud, regions.get(i), "spec.regions[" + i + "]");
        return cloud;
    }

    private void readRegion(SimulatedCloud cloud, JsonNode r, String path) {
        f.onlyFields(r, path, "account", "region", "clusters", "loadBalancers", "targetGroups", "hostedZones", "cloudMap",
                "taskDefinitions", "services", "scalableTargets", "scalingPolicies", "alarms", "codeDeploy");
        String account = f.string(r, "account", path);
        if (!account.matches("[0-9]{12}")) throw f.error(path + ".account", "must be 12 digits as a quoted string, e.g. \"222222222222\"");
        String regionName = f.string(r, "region", path);
        if (cloud.findRegion(account, regionName).isPresent()) {
            throw f.error(path, "partition " + account + "/" + regionName + " is listed twice");
        }
        SimRegion region = cloud.region(account, regionName);
        List<JsonNode> clusters = f.list(r, "clusters", path);
        for (int i = 0; i < clusters.size(); i++) {
            String p = path + ".clusters[" + i + "]";
            JsonNode cluster = clusters.get(i);
            if (!cluster.isString()) throw f.error(p, "expected a cluster name");
            setUp(p, () -> region.addCluster(cluster.asString()));
        }
        each(r, "targetGroups", path, (tg, p) -> {
            f.onlyFields(tg, p, "name", "port", "protocol", "targetType");
            String name = f.string(tg, "name", p);
            int port = f.integer(tg, "port", p);
            String protocol = f.string(tg, "protocol", p);
            String type = tg.has("targetType") ? f.string(tg, "targetType", p) : "ip";
            setUp(p, () -> region.addTargetGroup(name, port, protocol, type));
        });
        each(r, "loadBalancers", path, (lb, p) -> readLoadBalancer(region, lb, p));
        each(r, "hostedZones", path, (zone, p) -> readZone(region, zone, p));
        if (r.has("cloudMap")) {
            JsonNode cm = r.get("cloudMap");
            f.onlyFields(cm, path + ".cloudMap", "namespaces");
            each(cm, "namespaces", path + ".cloudMap", (ns, p) -> {
                f.onlyFields(ns, p, "name", "type", "services");
                String name = f.string(ns, "name", p);
                String type = ns.has("type") ? f.string(ns, "type", p) : "DNS_PRIVATE";
                setUp(p, () -> region.addNamespace(name, type));
                List<JsonNode> services = f.list(ns, "services", p);
                for (int i = 0; i < services.size(); i++) {
                    String sp = p + ".services[" + i + "]";
                    JsonNode service = services.get(i);
                    if (!service.isString()) throw f.error(sp, "expected a Cloud Map service name");
                    setUp(sp, () -> region.addCloudMapService(name, service.asString()));
                }
            });
        }
        each(r, "taskDefinitions", path, (td, p) -> readTaskDefinition(region, td, p));
        each(r, "services", path, (svc, p) -> readService(region, svc, p));
        if (r.has("codeDeploy")) {
            JsonNode cd = r.get("codeDeploy");
            f.onlyFields(cd, path + ".codeDeploy", "applications");
            each(cd, "applications", path + ".codeDeploy", (app, p) -> {
                f.onlyFields(app, p, "name", "deploymentGroups");
                String application = f.string(app, "name", p);
                each(app, "deploymentGroups", p, (g, gp) -> readDeploymentGroup(region, application, g, gp));
            });
        }
        each(r, "scalableTargets", path, (t, p) -> {
            f.onlyFields(t, p, "resourceId", "minCapacity", "maxCapacity");
            ScalableTargetInfo target = new ScalableTargetInfo(f.string(t, "resourceId", p),
                    f.integer(t, "minCapacity", p), f.integer(t, "maxCapacity", p));
            setUp(p, () -> region.locked(() -> region.autoScaling.targets.put(target.resourceId(), target)));
        });
        each(r, "scalingPolicies", path, (sp, p) -> {
            f.onlyFields(sp, p, "policyName", "resourceId", "policyType", "configuration");
            String resourceId = f.string(sp, "resourceId", p);
            ScalingPolicyInfo policy = new ScalingPolicyInfo(f.string(sp, "policyName", p), resourceId,
                    f.string(sp, "policyType", p), f.object(sp.get("configuration"), p + ".configuration"));
            if (!region.autoScaling.targets.containsKey(resourceId)) {
                throw f.error(p + ".resourceId", "no scalable target " + resourceId + " in scalableTargets");
            }
            setUp(p, () -> region.locked(() -> region.autoScaling.policies.computeIfAbsent(resourceId, k -> new TreeMap<>())
                    .put(policy.policyName(), policy)));
        });
        each(r, "alarms", path, (alarm, p) -> readAlarm(region, alarm, p));
    }

    /** {@code {name, state: OK, reason?, changes: [{at: <ISO-8601 instant>, state, reason?}]}}: an alarm and its state over time. */
    private void readAlarm(SimRegion region, JsonNode alarm, String path) {
        f.onlyFields(alarm, path, "name", "state", "reason", "changes");
        String name = f.string(alarm, "name", path);
        String state = alarm.has("state") ? f.string(alarm, "state", path) : AlarmInfo.OK;
        String reason = alarm.has("reason") ? f.string(alarm, "reason", path) : "set in the world file";
        setUp(path, () -> region.locked(() -> {
            region.cloudWatch.addAlarm(name, state, reason);
            return null;
        }));
        each(alarm, "changes", path, (change, p) -> {
            f.onlyFields(change, p, "at", "state", "reason");
            Instant at;
            try {
                at = Instant.parse(f.string(change, "at", p));
            } catch (DateTimeParseException e) {
                throw f.error(p + ".at", "expected an ISO-8601 instant such as 2026-01-01T00:05:00Z");
            }
            String to = f.string(change, "state", p);
            String why = change.has("reason") ? f.string(change, "reason", p) : "scheduled in the world file";
            setUp(p, () -> region.setAlarmState(name, to, at, why));
        });
    }

    private void readLoadBalancer(SimRegion region, JsonNode lb, String path) {
        f.onlyFields(lb, path, "name", "type", "listeners");
        String name = f.string(lb, "name", path);
        String type = lb.has("type") ? f.string(lb, "type", path) : "application";
        setUp(path, () -> region.addLoadBalancer(name, type));
        each(lb, "listeners", path, (l, p) -> {
            f.onlyFields(l, p, "port", "protocol", "defaultTargetGroup", "rules");
            int port = f.integer(l, "port", p);
            String protocol = f.string(l, "protocol", p);
            String tg = f.optionalString(l, "defaultTargetGroup", p);
            setUp(p, () -> region.addListener(name, port, protocol, tg));
            each(l, "rules", p, (rule, rp) -> {
                f.onlyFields(rule, rp, "priority", "pathPattern", "targetGroup", "forward");
                int priority = f.integer(rule, "priority", rp);
                String pattern = rule.has("pathPattern") ? f.string(rule, "pathPattern", rp) : "/*";
                if (rule.has("forward")) {
                    Map<String, Integer> weights = forward(rule, rp);
                    setUp(rp, () -> region.addWeightedRule(name, port, priority, pattern, weights));
                } else {
                    String target = f.string(rule, "targetGroup", rp);
                    setUp(rp, () -> region.addRule(name, port, priority, pattern, target));
                }
            });
        });
    }

    /** A weighted forward: {@code forward: [{targetGroup, weight}]}, as ECS's and CodeDeploy's blue/green leave rules. */
    private Map<String, Integer> forward(JsonNode rule, String path) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        each(rule, "forward", path, (fw, p) -> {
            f.onlyFields(fw, p, "targetGroup", "weight");
            weights.put(f.string(fw, "targetGroup", p), f.integer(fw, "weight", p));
        });
        if (weights.isEmpty()) throw f.error(path + ".forward", "a forward needs at least one target group");
        return weights;
    }

    private void readDeploymentGroup(SimRegion region, String application, JsonNode g, String path) {
        f.onlyFields(g, path, "name", "cluster", "service", "targetGroups", "loadBalancer", "prodPort", "testPort",
                "deploymentConfigName", "terminationWait", "autoRollback");
        List<String> targetGroups = new ArrayList<>();
        for (JsonNode tg : f.list(g, "targetGroups", path)) targetGroups.add(tg.asString());
        String config = g.has("deploymentConfigName") ? f.string(g, "deploymentConfigName", path) : "CodeDeployDefault.ECSAllAtOnce";
        setUp(path, () -> region.addDeploymentGroup(application, f.string(g, "name", path), f.string(g, "cluster", path),
                f.string(g, "service", path), targetGroups, f.string(g, "loadBalancer", path), f.integer(g, "prodPort", path),
                f.integer(g, "testPort", path, 0), config, f.duration(g, "terminationWait", path, Duration.ofMinutes(5)),
                f.bool(g, "autoRollback", path, true)));
    }

    private void readZone(SimRegion region, JsonNode zone, String path) {
        f.onlyFields(zone, path, "name", "private", "records");
        String name = f.string(zone, "name", path);
        boolean privateZone = f.bool(zone, "private", path, false);
        setUp(path, () -> region.addHostedZone(name, privateZone));
        each(zone, "records", path, (rec, p) -> {
            f.onlyFields(rec, p, "name", "type", "ttl", "values", "setIdentifier", "weight");
            List<String> values = new ArrayList<>();
            for (JsonNode v : f.list(rec, "values", p)) values.add(v.asString());
            if (values.isEmpty()) throw f.error(p + ".values", "a record needs at least one value");
            Long weight = rec.has("weight") ? (long) f.integer(rec, "weight", p) : null;
            RecordSetInfo record = new RecordSetInfo(f.string(rec, "name", p), f.string(rec, "type", p),
                    f.optionalString(rec, "setIdentifier", p), weight, f.integer(rec, "ttl", p, 300), values);
            setUp(p, () -> region.putRecord(name, record));
        });
    }

    private void readTaskDefinition(SimRegion region, JsonNode td, String path) {
        ObjectNode def = (ObjectNode) f.object(td, path).deepCopy();
        Map<String, String> tags = new TreeMap<>();
        JsonNode tagList = def.remove("tags");
        if (tagList != null) {
            for (JsonNode t : tagList) tags.put(f.string(t, "key", path + ".tags"), t.path("value").asString(""));
        }
        f.string(def, "family", path);
        // A described revision (with "revision") is restored as is; a bare request is registered like AWS would.
        if (def.has("revision")) {
            f.integer(def, "revision", path);
            setUp(path, () -> region.locked(() -> region.ecs.taskDefinitions.restore(def, tags)));
        } else {
            setUp(path, () -> region.locked(() -> region.ecs.taskDefinitions.register(def, tags)));
        }
    }

    private void readService(SimRegion region, JsonNode svc, String path) {
        f.onlyFields(svc, path, "name", "cluster", "status", "taskDefinition", "desiredCount", "loadBalancers",
                "serviceRegistries", "tags", "settings");
        String name = f.string(svc, "name", path);
        String cluster = f.string(svc, "cluster", path);
        String status = svc.has("status") ? f.string(svc, "status", path) : "ACTIVE";
        if (!SERVICE_STATUSES.contains(status)) throw f.error(path + ".status", "must be ACTIVE, DRAINING or INACTIVE");
        String tdRef = f.string(svc, "taskDefinition", path);
        int desired = f.integer(svc, "desiredCount", path, 0);
        List<LoadBalancerBinding> lbs = new ArrayList<>();
        each(svc, "loadBalancers", path, (b, p) -> {
            f.onlyFields(b, p, "targetGroup", "containerName", "containerPort", "advancedConfiguration");
            String tgName = f.string(b, "targetGroup", p);
            SimElbState.TargetGroup tg = region.elbState.targetGroups.get(tgName);
            if (tg == null) throw f.error(p + ".targetGroup", "target group " + tgName + " is not in targetGroups");
            Optional<LoadBalancerBinding.AdvancedConfiguration> advanced = Optional.empty();
            if (b.has("advancedConfiguration")) {
                JsonNode a = b.get("advancedConfiguration");
                String ap = p + ".advancedConfiguration";
                f.onlyFields(a, ap, "alternateTargetGroup", "productionListenerRule", "testListenerRule", "roleArn");
                String alternate = f.string(a, "alternateTargetGroup", ap);
                SimElbState.TargetGroup alt = region.elbState.targetGroups.get(alternate);
                if (alt == null) throw f.error(ap + ".alternateTargetGroup", "target group " + alternate + " is not in targetGroups");
                advanced = Optional.of(new LoadBalancerBinding.AdvancedConfiguration(alt.arn, f.string(a, "productionListenerRule", ap),
                        f.optionalString(a, "testListenerRule", ap), f.optionalString(a, "roleArn", ap)));
            }
            lbs.add(new LoadBalancerBinding(tg.arn, f.string(b, "containerName", p), f.integer(b, "containerPort", p), advanced));
        });
        List<ServiceRegistryBinding> registries = new ArrayList<>();
        each(svc, "serviceRegistries", path, (b, p) -> {
            f.onlyFields(b, p, "namespace", "service");
            String ns = f.string(b, "namespace", p);
            String service = f.string(b, "service", p);
            var namespace = region.cloudMap.namespaces.get(ns);
            CloudMapServiceInfo found = namespace == null ? null : region.cloudMap.services.get(namespace.id()).get(service);
            if (found == null) throw f.error(p, "Cloud Map service " + service + " is not in namespace " + ns + " of cloudMap");
            registries.add(new ServiceRegistryBinding(found.arn()));
        });
        Map<String, String> tags = new TreeMap<>();
        if (svc.has("tags")) f.object(svc.get("tags"), path + ".tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asString()));
        setUp(path, () -> region.locked(() -> {
            if (!region.ecs.clusters.containsKey(cluster)) throw new IllegalArgumentException("cluster " + cluster + " is not in clusters");
            if (region.ecs.services.get(cluster).containsKey(name)) throw new IllegalArgumentException("service " + name + " is listed twice");
            SimTaskDefinitions.Revision td = region.ecs.taskDefinitions.find(tdRef).orElseThrow(() ->
                    new IllegalArgumentException("task definition " + tdRef + " is not in taskDefinitions"));
            SimService s = new SimService(cluster, name, region.arn("ecs", "service/" + cluster + "/" + name),
                    region.ecs.clusterArn(cluster));
            s.loadBalancers = List.copyOf(lbs);
            s.serviceRegistries = List.copyOf(registries);
            s.settings = ServiceSettings.complete(svc.get("settings"), tags, "world file");
            s.deploymentController = s.settings.path("deploymentController").path("type").asString("ECS");
            s.tags.putAll(tags);
            // Deployments are not saved: a service is restored steady on its task definition.
            s.desiredCount = "ACTIVE".equals(status) ? desired : 0;
            region.ecs.services.get(cluster).put(name, s);
            region.engine.seedSteady(s, td.arn(), region.now());
            s.status = status;
            return null;
        }));
    }

    private interface Element {
        void read(JsonNode node, String path);
    }

    private void each(JsonNode parent, String field, String path, Element element) {
        List<JsonNode> items = f.list(parent, field, path);
        for (int i = 0; i < items.size(); i++) {
            String p = path + "." + field + "[" + i + "]";
            element.read(f.object(items.get(i), p), p);
        }
    }

    /** Runs a set-up step, turning its complaint into an error that names the field. */
    private void setUp(String path, Runnable step) {
        try {
            step.run();
        } catch (IllegalArgumentException | CloudException e) {
            throw f.error(path, e.getMessage());
        }
    }
}
