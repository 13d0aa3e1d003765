package io.turnout.plan;

import io.turnout.cloud.LoadBalancerBinding;
import io.turnout.diff.JsonCanon;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the plans of AWS's own engines read from a service's settings: the load balancers as
 * compared (fields the engine owns during and after its deployments left out), the alarms that
 * guard a deployment, the AppSpec properties, and how long the traffic shift is meant to take.
 */
final class EngineSettings {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EngineSettings() {}

    /**
     * The load balancers as compared. ECS swaps {@code targetGroupArn} and
     * {@code advancedConfiguration.alternateTargetGroupArn} as its blue/green deployments go, so
     * the two are one unordered pair; under CodeDeploy the deployment group decides which target
     * group serves, so only the container and port are compared.
     */
    static JsonNode loadBalancers(JsonNode spec, boolean codeDeploy) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode lb : spec) {
            JsonNode a = lb.path("advancedConfiguration");
            out.add(entry(lb.path("targetGroupArn").asString(null), lb.path("containerName").asString(""),
                    lb.path("containerPort").asInt(0), a.isObject() ? a.path("alternateTargetGroupArn").asString(null) : null,
                    a.isObject() ? a.path("productionListenerRule").asString(null) : null,
                    a.isObject() ? a.path("testListenerRule").asString(null) : null,
                    a.isObject() ? a.path("roleArn").asString(null) : null, codeDeploy));
        }
        return sorted(out);
    }

    static JsonNode loadBalancers(List<LoadBalancerBinding> live, boolean codeDeploy) {
        ArrayNode out = NODES.arrayNode();
        for (LoadBalancerBinding b : live) {
            LoadBalancerBinding.AdvancedConfiguration a = b.advanced().orElse(null);
            out.add(entry(b.targetGroupArn(), b.containerName(), b.containerPort(), a == null ? null : a.alternateTargetGroupArn(),
                    a == null ? null : a.productionListenerRule(), a == null ? null : a.testListenerRule(),
                    a == null ? null : a.roleArn(), codeDeploy));
        }
        return sorted(out);
    }

    private static ObjectNode entry(String targetGroup, String container, int port, String alternate, String productionRule,
                                    String testRule, String role, boolean codeDeploy) {
        ObjectNode e = NODES.objectNode().put("containerName", container).put("containerPort", port);
        if (codeDeploy) return e;
        List<String> groups = new ArrayList<>();
        if (targetGroup != null) groups.add(targetGroup);
        if (alternate != null) groups.add(alternate);
        groups.sort(null);
        ArrayNode pair = e.putArray("targetGroups");
        groups.forEach(pair::add);
        if (productionRule != null) e.put("productionListenerRule", productionRule);
        if (testRule != null) e.put("testListenerRule", testRule);
        if (role != null) e.put("roleArn", role);
        return e;
    }

    private static JsonNode sorted(ArrayNode list) {
        List<JsonNode> items = new ArrayList<>();
        list.forEach(items::add);
        items.sort(Comparator.comparing(JsonNode::toString));
        ArrayNode out = NODES.arrayNode();
        items.forEach(out::add);
        return JsonCanon.sortKeys(out);
    }

    /** deploymentConfiguration.strategy (ROLLING when not set, as ECS defaults it). */
    static String strategy(JsonNode settings) {
        return settings.path("deploymentConfiguration").path("strategy").asString("ROLLING");
    }

    /**
     * The CloudWatch alarms that must stay out of ALARM while a deployment runs: the service's
     * {@code deploymentConfiguration.alarms} (ECS watches them too, and rolls back itself when
     * asked to). The one place alarm names for engine deployments come from: verification alarms
     * of the environment's policy join here.
     */
    static List<String> alarms(JsonNode settings) {
        JsonNode alarms = settings.path("deploymentConfiguration").path("alarms");
        if (!alarms.path("enable").asBoolean(false)) return List.of();
        List<String> names = new ArrayList<>();
        alarms.path("alarmNames").forEach(n -> names.add(n.asString()));
        return List.copyOf(names);
    }

    /** The test listener rule of the first load balancer that names one. */
    static Optional<String> testListenerRule(JsonNode settings) {
        for (JsonNode lb : settings.path("loadBalancers")) {
            JsonNode rule = lb.path("advancedConfiguration").path("testListenerRule");
            if (rule.isString()) return Optional.of(rule.asString());
        }
        return Optional.empty();
    }

    /** How long ECS's traffic shift waits by design: linear steps times their bake time, or the canary's bake time. */
    static Duration plannedShift(JsonNode settings) {
        JsonNode dc = settings.path("deploymentConfiguration");
        return switch (strategy(settings)) {
            case "LINEAR" -> {
                double step = dc.path("linearConfiguration").path("stepPercent").asDouble(10.0);
                long steps = (long) Math.ceil(100.0 / step) - 1;
                yield Duration.ofMinutes(steps * dc.path("linearConfiguration").path("stepBakeTimeInMinutes").asLong(6));
            }
            case "CANARY" -> Duration.ofMinutes(dc.path("canaryConfiguration").path("canaryBakeTimeInMinutes").asLong(10));
            default -> Duration.ZERO;
        };
    }

    /** AppSpec's TargetService properties from the service settings: what a CodeDeploy deployment may change besides the task definition. */
    static ObjectNode appSpecProperties(JsonNode settings) {
        ObjectNode props = NODES.objectNode();
        if (settings.has("platformVersion")) props.put("PlatformVersion", settings.get("platformVersion").asString());
        JsonNode vpc = settings.path("networkConfiguration").path("awsvpcConfiguration");
        if (vpc.isObject()) {
            ObjectNode awsvpc = props.putObject("NetworkConfiguration").putObject("AwsvpcConfiguration");
            awsvpc.set("Subnets", vpc.path("subnets").deepCopy());
            if (vpc.has("securityGroups")) awsvpc.set("SecurityGroups", vpc.get("securityGroups").deepCopy());
            if (vpc.has("assignPublicIp")) awsvpc.put("AssignPublicIp", vpc.get("assignPublicIp").asString());
        }
        if (settings.path("capacityProviderStrategy").isArray()) {
            ArrayNode items = props.putArray("CapacityProviderStrategy");
            for (JsonNode item : settings.get("capacityProviderStrategy")) {
                ObjectNode i = items.addObject();
                for (Map.Entry<String, JsonNode> e : item.properties()) {
                    i.set(Character.toUpperCase(e.getKey().charAt(0)) + e.getKey().substring(1), e.getValue().deepCopy());
                }
            }
        }
        return props;
    }
}
