package io.turnout.diff;

import io.turnout.cloud.ScalableTargetInfo;
import io.turnout.cloud.ScalingPolicyInfo;
import io.turnout.spec.AutoScaling;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Brings a desired document (as the spec writes it) and a live one (as AWS describes it) to one
 * canonical form, so that an unchanged spec compared with AWS's answer shows no difference.
 * Both sides go through the same function: first {@link JsonCanon#canonical} (nulls and empty
 * lists/objects dropped, integral numbers as integers), then the AWS quirks below.
 *
 * <p>Every method returns a new document; the argument is never modified.
 */
public final class Normalizer {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Fields DescribeTaskDefinition adds to what was registered: identity and bookkeeping, not configuration. */
    private static final Set<String> TASK_DEFINITION_READ_ONLY = Set.of(
            "taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities",
            "registeredAt", "registeredBy", "deregisteredAt", "deleteRequestedAt",
            // tags are not part of the taskDefinition object AWS describes (they come back in a
            // separate "tags" list, only with include=TAGS), so comparing them would always differ
            "tags");

    /** Container lists AWS returns as [] when the request left them out. */
    private static final List<String> CONTAINER_EMPTY_LISTS =
            List.of("portMappings", "environment", "mountPoints", "volumesFrom", "systemControls");

    /**
     * The CreateService fields a spec may set (besides desiredCount and tags, compared on their
     * own): anything else DescribeServices returns (createdAt, events, roleArn, deployments …)
     * is AWS's bookkeeping, or a field Turnout owns, and is left out of the comparison.
     */
    private static final Set<String> SERVICE_SETTINGS = Set.of(
            "launchType", "capacityProviderStrategy", "platformVersion", "networkConfiguration",
            "healthCheckGracePeriodSeconds", "enableExecuteCommand", "propagateTags", "enableECSManagedTags",
            "placementConstraints", "placementStrategy", "deploymentConfiguration", "availabilityZoneRebalancing",
            "schedulingStrategy", "serviceConnectConfiguration", "volumeConfigurations", "vpcLatticeConfigurations");

    private Normalizer() {}

    /** A task definition (RegisterTaskDefinition request or DescribeTaskDefinition's taskDefinition) in canonical form. */
    public static ObjectNode taskDefinition(JsonNode definition) {
        ObjectNode td = JsonCanon.canonical(definition);
        TASK_DEFINITION_READ_ONLY.forEach(td::remove);
        // RegisterTaskDefinition defaults networkMode to bridge (on EC2) and DescribeTaskDefinition says so
        if (!td.has("networkMode")) td.put("networkMode", "bridge");
        boolean awsvpc = "awsvpc".equals(td.get("networkMode").asString());
        // task-level cpu and memory are strings in the API ("256"); AWS also accepts and converts
        // units ("0.25 vCPU" -> "256", "1 GB" -> "1024"), and YAML authors write plain numbers
        for (String field : List.of("cpu", "memory")) {
            if (td.has(field)) td.put(field, taskSize(td.get(field), field));
        }
        // AWS answers volumes: [] and placementConstraints: [] when the request had none
        td.putIfAbsent("volumes", NODES.arrayNode());
        td.putIfAbsent("placementConstraints", NODES.arrayNode());
        // since fault injection came out (Dec 2024) DescribeTaskDefinition reports
        // enableFaultInjection: false for every task definition registered without it
        td.putIfAbsent("enableFaultInjection", NODES.booleanNode(false));
        sortBy(td, "volumes", "name");
        if (td.has("containerDefinitions")) {
            ArrayNode containers = NODES.arrayNode();
            for (JsonNode c : td.get("containerDefinitions")) containers.add(container((ObjectNode) c, awsvpc));
            td.set("containerDefinitions", sorted(containers, "name"));
        }
        return JsonCanon.sortKeys(td);
    }

    private static ObjectNode container(ObjectNode container, boolean awsvpc) {
        ObjectNode c = container.deepCopy();
        // container cpu defaults to 0 units and essential to true in DescribeTaskDefinition
        c.putIfAbsent("cpu", NODES.numberNode(0));
        c.putIfAbsent("essential", NODES.booleanNode(true));
        for (String field : List.of("cpu", "memory", "memoryReservation")) {
            if (c.has(field) && c.get(field).isString()) c.set(field, integer(c.get(field), field));
        }
        CONTAINER_EMPTY_LISTS.forEach(list -> c.putIfAbsent(list, NODES.arrayNode()));
        // a container health check comes back with ECS's defaults written out: every 30 s,
        // 5 s timeout, 3 retries (startPeriod has no default and stays absent)
        if (c.get("healthCheck") instanceof ObjectNode check) {
            check.putIfAbsent("interval", NODES.numberNode(30));
            check.putIfAbsent("timeout", NODES.numberNode(5));
            check.putIfAbsent("retries", NODES.numberNode(3));
        }
        // ECS runs the FireLens log router as root and says so: user "0" on a container with a
        // firelensConfiguration that named no user (other users are refused at registration)
        if (c.has("firelensConfiguration")) c.putIfAbsent("user", NODES.stringNode("0"));
        // ECS keeps environment variables and secrets in whatever order; their meaning is by name
        sortBy(c, "environment", "name");
        sortBy(c, "secrets", "name");
        sortBy(c, "environmentFiles", "value");
        ArrayNode ports = NODES.arrayNode();
        for (JsonNode p : c.get("portMappings")) {
            ObjectNode port = (ObjectNode) p.deepCopy();
            // protocol defaults to tcp
            port.putIfAbsent("protocol", NODES.stringNode("tcp"));
            // in awsvpc mode the host port is the container port; AWS fills it in when left out
            if (awsvpc && !port.has("hostPort") && port.has("containerPort")) {
                port.set("hostPort", port.get("containerPort"));
            }
            // in bridge mode a missing host port means a dynamic one, which AWS reports as
            // hostPort: 0; both mean the same, so 0 is dropped
            if (!awsvpc && port.path("hostPort").isIntegralNumber() && port.get("hostPort").asInt() == 0) {
                port.remove("hostPort");
            }
            ports.add(port);
        }
        c.set("portMappings", sorted(ports, "containerPort"));
        return c;
    }

    /**
     * A service's settings (the spec's {@code service} section, or {@code EcsServiceInfo.settings})
     * in canonical form: only the fields a spec may set, AWS's defaults filled in. {@code desiredCount}
     * and {@code tags} are not part of it: the planner compares desired count on its own, and tags
     * are Turnout's to write.
     */
    public static ObjectNode serviceSettings(JsonNode settings) {
        ObjectNode in = JsonCanon.canonical(settings);
        ObjectNode s = NODES.objectNode();
        in.properties().stream().filter(e -> SERVICE_SETTINGS.contains(e.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> s.set(e.getKey(), e.getValue()));
        // with neither launchType nor a capacity provider strategy CreateService launches on EC2
        // (a cluster default capacity provider strategy would apply instead; Turnout does not read it)
        if (!s.has("launchType") && !s.has("capacityProviderStrategy")) s.put("launchType", "EC2");
        // Fargate services report the platform version they asked for, LATEST when none
        if ("FARGATE".equals(text(s, "launchType"))) s.putIfAbsent("platformVersion", NODES.stringNode("LATEST"));
        if (s.has("capacityProviderStrategy")) {
            ArrayNode items = NODES.arrayNode();
            for (JsonNode item : s.get("capacityProviderStrategy")) {
                ObjectNode i = (ObjectNode) item.deepCopy();
                // CapacityProviderStrategyItem: base and weight default to 0
                i.putIfAbsent("base", NODES.numberNode(0));
                i.putIfAbsent("weight", NODES.numberNode(0));
                items.add(i);
            }
            s.set("capacityProviderStrategy", sorted(items, "capacityProvider"));
        }
        // DescribeServices reports these defaults for a service created without them
        s.putIfAbsent("schedulingStrategy", NODES.stringNode("REPLICA"));
        s.set("deploymentConfiguration", deploymentConfiguration(s.get("deploymentConfiguration"),
                "DAEMON".equals(s.get("schedulingStrategy").asString())));
        s.putIfAbsent("enableECSManagedTags", NODES.booleanNode(false));
        s.putIfAbsent("enableExecuteCommand", NODES.booleanNode(false));
        s.putIfAbsent("propagateTags", NODES.stringNode("NONE"));
        s.putIfAbsent("healthCheckGracePeriodSeconds", NODES.numberNode(0));
        s.putIfAbsent("placementConstraints", NODES.arrayNode());
        s.putIfAbsent("placementStrategy", NODES.arrayNode());
        // CreateService defaults availabilityZoneRebalancing to ENABLED (for services that can be
        // rebalanced) and DescribeServices reports it. Services created before that default, or
        // that cannot be rebalanced, report DISABLED: their spec has to say so to match.
        s.putIfAbsent("availabilityZoneRebalancing", NODES.stringNode("ENABLED"));
        JsonNode vpc = s.at("/networkConfiguration/awsvpcConfiguration");
        if (vpc.isObject()) {
            ObjectNode v = (ObjectNode) vpc;
            // assignPublicIp defaults to DISABLED
            v.putIfAbsent("assignPublicIp", NODES.stringNode("DISABLED"));
            // subnets and security groups come back in any order
            sortStrings(v, "subnets");
            sortStrings(v, "securityGroups");
        }
        return JsonCanon.sortKeys(s);
    }

    private static ObjectNode deploymentConfiguration(JsonNode given, boolean daemon) {
        ObjectNode d = given != null && given.isObject() ? (ObjectNode) given.deepCopy() : NODES.objectNode();
        // REPLICA services: up to 200% during a deployment, never below 100% healthy, no circuit breaker;
        // DAEMON services: at most one task per instance (100%), and all may be replaced at once (0%)
        d.putIfAbsent("maximumPercent", NODES.numberNode(daemon ? 100 : 200));
        d.putIfAbsent("minimumHealthyPercent", NODES.numberNode(daemon ? 0 : 100));
        ObjectNode breaker = d.has("deploymentCircuitBreaker")
                ? (ObjectNode) d.get("deploymentCircuitBreaker") : d.putObject("deploymentCircuitBreaker");
        breaker.putIfAbsent("enable", NODES.booleanNode(false));
        breaker.putIfAbsent("rollback", NODES.booleanNode(false));
        // since ECS's own blue/green deployments (July 2025) DescribeServices names the
        // strategy; a service that never chose one is ROLLING
        d.putIfAbsent("strategy", NODES.stringNode("ROLLING"));
        // bake time belongs to ECS's BLUE_GREEN, LINEAR and CANARY deployments; DescribeServices
        // reports bakeTimeInMinutes: 0 for ROLLING ones, which means the same as none
        if ("ROLLING".equals(d.get("strategy").asString()) && d.path("bakeTimeInMinutes").asInt(-1) == 0) d.remove("bakeTimeInMinutes");
        // newer DescribeServices answers carry alarms {alarmNames: [], enable: false, rollback: false}
        // (the empty list was already dropped); a service without alarms means the same
        JsonNode alarms = d.get("alarms");
        if (alarms != null && alarms.isObject() && !alarms.has("alarmNames")
                && !alarms.path("enable").asBoolean(false) && !alarms.path("rollback").asBoolean(false)) {
            d.remove("alarms");
        }
        return d;
    }

    /** Desired auto scaling as a document comparable with {@link #autoScaling(ScalableTargetInfo, List)}. */
    public static ObjectNode autoScaling(AutoScaling scaling) {
        ObjectNode s = NODES.objectNode();
        s.put("minCapacity", scaling.minCapacity());
        s.put("maxCapacity", scaling.maxCapacity());
        ArrayNode policies = NODES.arrayNode();
        for (JsonNode p : scaling.policies()) policies.add(policy(JsonCanon.canonical(p)));
        s.set("policies", sorted(policies, "PolicyName"));
        return JsonCanon.sortKeys(s);
    }

    /** Live auto scaling in the shape of PutScalingPolicy documents, as the spec writes them. */
    public static ObjectNode autoScaling(ScalableTargetInfo target, List<ScalingPolicyInfo> scalingPolicies) {
        ObjectNode s = NODES.objectNode();
        s.put("minCapacity", target.minCapacity());
        s.put("maxCapacity", target.maxCapacity());
        ArrayNode policies = NODES.arrayNode();
        for (ScalingPolicyInfo info : scalingPolicies) {
            ObjectNode p = NODES.objectNode();
            p.put("PolicyName", info.policyName());
            p.put("PolicyType", info.policyType());
            p.set(configurationField(info.policyType()), info.configuration());
            policies.add(policy(JsonCanon.canonical(p)));
        }
        s.set("policies", sorted(policies, "PolicyName"));
        return JsonCanon.sortKeys(s);
    }

    /** Which PutScalingPolicy field holds the configuration of a policy type. */
    public static String configurationField(String policyType) {
        return switch (policyType) {
            case "StepScaling" -> "StepScalingPolicyConfiguration";
            case "PredictiveScaling" -> "PredictiveScalingPolicyConfiguration";
            default -> "TargetTrackingScalingPolicyConfiguration";
        };
    }

    private static ObjectNode policy(ObjectNode p) {
        // Turnout fills these in for the slot; a spec that repeats them means the same policy
        List.of("ServiceNamespace", "ResourceId", "ScalableDimension", "PolicyARN", "Alarms", "CreationTime")
                .forEach(p::remove);
        // PutScalingPolicy defaults PolicyType to StepScaling
        p.putIfAbsent("PolicyType", NODES.stringNode("StepScaling"));
        JsonNode tracking = p.get("TargetTrackingScalingPolicyConfiguration");
        if (tracking instanceof ObjectNode t) {
            // DescribeScalingPolicies reports DisableScaleIn: false when it was not set
            t.putIfAbsent("DisableScaleIn", NODES.booleanNode(false));
        }
        return p;
    }

    private static String taskSize(JsonNode value, String field) {
        String text = value.isNumber() ? value.decimalValue().toPlainString() : value.asString().trim();
        String lower = text.toLowerCase(Locale.ROOT);
        String unit = field.equals("cpu") ? "vcpu" : "gb";
        if (lower.endsWith(unit)) {
            BigDecimal amount = new BigDecimal(lower.substring(0, lower.length() - unit.length()).trim());
            return amount.multiply(BigDecimal.valueOf(1024)).stripTrailingZeros().toPlainString();
        }
        return text.matches("[0-9]+(\\.0+)?") ? new BigDecimal(text).stripTrailingZeros().toPlainString() : text;
    }

    private static JsonNode integer(JsonNode value, String field) {
        try {
            return NODES.numberNode(new BigDecimal(value.asString().trim()).intValueExact());
        } catch (ArithmeticException | NumberFormatException e) {
            return value; // not a number: leave it for AWS (and the schema) to reject with their own message
        }
    }

    private static String text(ObjectNode node, String field) {
        JsonNode v = node.get(field);
        return v == null ? null : v.asString();
    }

    private static void sortBy(ObjectNode parent, String field, String key) {
        JsonNode list = parent.get(field);
        if (list != null && list.isArray()) parent.set(field, sorted((ArrayNode) list, key));
    }

    private static ArrayNode sorted(ArrayNode list, String key) {
        ArrayNode out = NODES.arrayNode();
        ArrayList<JsonNode> items = new ArrayList<>();
        list.forEach(items::add);
        items.sort(Comparator.comparing((JsonNode n) -> n.path(key).isNumber() ? "" : n.path(key).asString(""))
                .thenComparing(n -> n.path(key).isNumber() ? n.path(key).decimalValue() : BigDecimal.ZERO));
        items.forEach(out::add);
        return out;
    }

    private static void sortStrings(ObjectNode parent, String field) {
        JsonNode list = parent.get(field);
        if (list == null || !list.isArray()) return;
        ArrayNode out = NODES.arrayNode();
        ArrayList<String> values = new ArrayList<>();
        list.forEach(v -> values.add(v.asString()));
        values.stream().sorted().forEach(out::add);
        parent.set(field, out);
    }
}
