package io.turnout.cloud.sim;

import io.turnout.cloud.CloudMapServiceInfo;
import io.turnout.cloud.LoadBalancerBinding;
import io.turnout.cloud.NamespaceInfo;
import io.turnout.cloud.RecordSetInfo;
import io.turnout.cloud.ScalableTargetInfo;
import io.turnout.cloud.ScalingPolicyInfo;
import io.turnout.cloud.ServiceRegistryBinding;
import io.turnout.spec.load.Durations;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a {@link SimulatedCloud} into a {@code kind: SimulatedWorld} document. Deployments
 * are collapsed to each service's current task definition and desired count, targets and
 * Route 53 change ids are not kept: what comes back is the same infrastructure, steady.
 */
final class WorldWriter {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    ObjectNode write(SimulatedCloud cloud, String name) {
        ObjectNode doc = JSON.objectNode();
        doc.put("apiVersion", "turnout/v1");
        doc.put("kind", "SimulatedWorld");
        doc.putObject("metadata").put("name", name);
        ObjectNode spec = doc.putObject("spec");
        ObjectNode sim = spec.putObject("simulation");
        sim.put("taskStartDelay", Durations.format(cloud.settings().taskStartDelay()));
        sim.put("healthCheckDelay", Durations.format(cloud.settings().healthCheckDelay()));
        sim.put("dnsChangeDelay", Durations.format(cloud.settings().dnsChangeDelay()));
        ArrayNode regions = spec.putArray("regions");
        for (SimRegion region : cloud.regions()) regions.add(region.locked(() -> region(region)));
        return doc;
    }

    private ObjectNode region(SimRegion r) {
        ObjectNode out = JSON.objectNode();
        out.put("account", r.account());
        out.put("region", r.region());
        ArrayNode clusters = out.putArray("clusters");
        r.ecs.clusters.keySet().forEach(clusters::add);
        ArrayNode lbs = out.putArray("loadBalancers");
        for (SimElbState.LoadBalancer lb : r.elbState.loadBalancers.values()) {
            ObjectNode l = lbs.addObject().put("name", lb.name).put("type", lb.type);
            ArrayNode listeners = l.putArray("listeners");
            for (SimElbState.Listener listener : r.elbState.listenersOf(lb)) {
                ObjectNode li = listeners.addObject().put("port", listener.port).put("protocol", listener.protocol);
                if (listener.defaultTargetGroupArn != null) {
                    li.put("defaultTargetGroup", r.elbState.targetGroupName(listener.defaultTargetGroupArn));
                }
                ArrayNode rules = li.putArray("rules");
                for (SimElbState.Rule rule : listener.rules.values()) {
                    ObjectNode ro = rules.addObject().put("priority", rule.priority).put("pathPattern", rule.pathPattern);
                    if (rule.weights == null) {
                        ro.put("targetGroup", r.elbState.targetGroupName(rule.targetGroupArn));
                    } else {
                        ArrayNode forward = ro.putArray("forward");
                        rule.weights.forEach((tg, w) -> forward.addObject().put("targetGroup", r.elbState.targetGroupName(tg)).put("weight", w));
                    }
                }
            }
        }
        ArrayNode tgs = out.putArray("targetGroups");
        for (SimElbState.TargetGroup tg : r.elbState.targetGroups.values()) {
            tgs.addObject().put("name", tg.name).put("port", tg.port).put("protocol", tg.protocol).put("targetType", tg.targetType);
        }
        ArrayNode zones = out.putArray("hostedZones");
        for (SimRoute53.Zone zone : r.route53.zones.values()) {
            ObjectNode z = zones.addObject().put("name", zone.name).put("private", zone.privateZone);
            ArrayNode records = z.putArray("records");
            for (RecordSetInfo rec : zone.records.values()) {
                if (zone.isApexDefault(rec)) continue;
                ObjectNode o = records.addObject().put("name", rec.name()).put("type", rec.type()).put("ttl", rec.ttl());
                if (rec.setIdentifier() != null) o.put("setIdentifier", rec.setIdentifier()).put("weight", rec.weight());
                ArrayNode values = o.putArray("values");
                rec.values().forEach(values::add);
            }
        }
        ArrayNode namespaces = out.putObject("cloudMap").putArray("namespaces");
        for (NamespaceInfo ns : r.cloudMap.namespaces.values()) {
            ObjectNode n = namespaces.addObject().put("name", ns.name()).put("type", ns.type());
            ArrayNode services = n.putArray("services");
            r.cloudMap.services.get(ns.id()).values().forEach(s -> services.add(s.name()));
        }
        ArrayNode tds = out.putArray("taskDefinitions");
        for (SimTaskDefinitions.Revision rev : r.ecs.taskDefinitions.all()) {
            ObjectNode def = rev.definition().deepCopy();
            def.remove("taskDefinitionArn"); // derived from family and revision when read back
            if (!rev.tags().isEmpty()) def.set("tags", tagList(rev.tags()));
            tds.add(def);
        }
        ArrayNode services = out.putArray("services");
        for (SimService svc : r.ecs.allServices()) services.add(service(r, svc));
        if (!r.codeDeploy.applications.isEmpty()) {
            ArrayNode apps = out.putObject("codeDeploy").putArray("applications");
            r.codeDeploy.applications.forEach((name, groups) -> {
                ArrayNode gs = apps.addObject().put("name", name).putArray("deploymentGroups");
                for (SimCodeDeploy.Group g : groups.values()) gs.add(deploymentGroup(r, g));
            });
        }
        ArrayNode targets = out.putArray("scalableTargets");
        for (ScalableTargetInfo t : r.autoScaling.targets.values()) {
            targets.addObject().put("resourceId", t.resourceId()).put("minCapacity", t.minCapacity()).put("maxCapacity", t.maxCapacity());
        }
        ArrayNode policies = out.putArray("scalingPolicies");
        for (Map<String, ScalingPolicyInfo> byName : r.autoScaling.policies.values()) {
            for (ScalingPolicyInfo p : byName.values()) {
                policies.addObject().put("policyName", p.policyName()).put("resourceId", p.resourceId())
                        .put("policyType", p.policyType()).set("configuration", p.configuration());
            }
        }
        ArrayNode alarms = out.putArray("alarms");
        for (SimCloudWatch.Alarm alarm : r.cloudWatch.alarms.values()) {
            alarm.advanceTo(r.now());
            ObjectNode a = alarms.addObject().put("name", alarm.name).put("state", alarm.state);
            if (alarm.reason != null) a.put("reason", alarm.reason);
            ArrayNode changes = a.putArray("changes");
            for (SimCloudWatch.Change c : alarm.changes) {
                ObjectNode o = changes.addObject().put("at", c.at().toString()).put("state", c.state());
                if (c.reason() != null) o.put("reason", c.reason());
            }
        }
        return out;
    }

    /** The group with production's target group first, as it is read back. */
    private static ObjectNode deploymentGroup(SimRegion r, SimCodeDeploy.Group g) {
        ObjectNode o = JSON.objectNode().put("name", g.name).put("cluster", g.cluster).put("service", g.service);
        ArrayNode tgs = o.putArray("targetGroups");
        tgs.add(r.elbState.targetGroupName(g.liveTargetGroup));
        g.targetGroups.stream().filter(tg -> !tg.equals(g.liveTargetGroup)).forEach(tg -> tgs.add(r.elbState.targetGroupName(tg)));
        SimElbState.Listener prod = r.elbState.listeners.get(g.prodListenerArn);
        o.put("loadBalancer", r.elbState.loadBalancerByArn(prod.loadBalancerArn).orElseThrow().name).put("prodPort", prod.port);
        if (g.testListenerArn != null) o.put("testPort", r.elbState.listeners.get(g.testListenerArn).port);
        return o.put("deploymentConfigName", g.deploymentConfigName).put("terminationWait", Durations.format(g.terminationWait))
                .put("autoRollback", g.autoRollback);
    }

    private ObjectNode service(SimRegion r, SimService svc) {
        ObjectNode s = JSON.objectNode();
        s.put("name", svc.name).put("cluster", svc.cluster).put("status", svc.status);
        SimTaskDefinitions.Revision td = r.ecs.taskDefinitions.find(svc.taskDefinitionArn).orElseThrow();
        s.put("taskDefinition", td.family() + ":" + td.revision());
        s.put("desiredCount", svc.desiredCount);
        ArrayNode lbs = s.putArray("loadBalancers");
        for (LoadBalancerBinding b : svc.loadBalancers) {
            ObjectNode lb = lbs.addObject().put("targetGroup", r.elbState.targetGroupName(b.targetGroupArn()))
                    .put("containerName", b.containerName()).put("containerPort", b.containerPort());
            b.advanced().ifPresent(a -> {
                ObjectNode ao = lb.putObject("advancedConfiguration")
                        .put("alternateTargetGroup", r.elbState.targetGroupName(a.alternateTargetGroupArn()))
                        .put("productionListenerRule", a.productionListenerRule());
                if (a.testListenerRule() != null) ao.put("testListenerRule", a.testListenerRule());
                if (a.roleArn() != null) ao.put("roleArn", a.roleArn());
            });
        }
        ArrayNode registries = s.putArray("serviceRegistries");
        for (ServiceRegistryBinding b : svc.serviceRegistries) {
            CloudMapServiceInfo cm = r.cloudMap.serviceByArn(b.registryArn()).orElseThrow();
            registries.addObject().put("namespace", r.cloudMap.namespaceById(cm.namespaceId()).orElseThrow().name())
                    .put("service", cm.name());
        }
        ObjectNode tags = s.putObject("tags");
        svc.tags.forEach(tags::put);
        s.set("settings", svc.settings.deepCopy());
        return s;
    }

    private static ArrayNode tagList(Map<String, String> tags) {
        ArrayNode list = JSON.arrayNode();
        tags.forEach((k, v) -> list.addObject().put("key", k).put("value", v));
        return list;
    }
}
