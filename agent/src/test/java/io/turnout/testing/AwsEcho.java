package io.turnout.testing;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What AWS answers for a registered task definition or a created service, following the
 * team brief's "What AWS adds": identity fields, defaults written out, lists reordered. Test
 * fixtures use it to build live state that an unchanged spec must match.
 */
public final class AwsEcho {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AwsEcho() {}

    /** DescribeTaskDefinition's taskDefinition for a RegisterTaskDefinition request. */
    public static ObjectNode taskDefinition(JsonNode request, String arn, int revision) {
        ObjectNode td = (ObjectNode) request.deepCopy();
        td.remove("tags");
        td.put("taskDefinitionArn", arn);
        td.put("revision", revision);
        td.put("status", "ACTIVE");
        td.putArray("requiresAttributes").addObject().put("name", "com.amazonaws.ecs.capability.docker-remote-api.1.18");
        ArrayNode compat = td.putArray("compatibilities").add("EC2");
        for (JsonNode c : request.path("requiresCompatibilities")) if (c.asString().equals("FARGATE")) compat.add("FARGATE");
        td.put("registeredAt", "2026-01-01T00:00:00Z");
        td.put("registeredBy", "arn:aws:iam::222222222222:role/turnout-deployer");
        td.putIfAbsent("volumes", NODES.arrayNode());
        td.putIfAbsent("placementConstraints", NODES.arrayNode());
        td.putIfAbsent("networkMode", NODES.stringNode("bridge"));
        for (String f : List.of("cpu", "memory")) if (td.has(f)) td.put(f, td.get(f).asString());
        boolean awsvpc = td.get("networkMode").asString().equals("awsvpc");
        ArrayNode containers = NODES.arrayNode();
        for (JsonNode c : request.path("containerDefinitions")) {
            ObjectNode container = (ObjectNode) c.deepCopy();
            container.putIfAbsent("cpu", NODES.numberNode(0));
            container.putIfAbsent("essential", NODES.booleanNode(true));
            for (String list : List.of("portMappings", "environment", "mountPoints", "volumesFrom", "systemControls")) {
                container.putIfAbsent(list, NODES.arrayNode());
            }
            ArrayNode ports = NODES.arrayNode();
            for (JsonNode p : container.get("portMappings")) {
                ObjectNode port = (ObjectNode) p.deepCopy();
                port.putIfAbsent("protocol", NODES.stringNode("tcp"));
                if (awsvpc) port.putIfAbsent("hostPort", port.get("containerPort"));
                ports.add(port);
            }
            container.set("portMappings", ports);
            // AWS does not keep the order of environment variables and secrets
            container.set("environment", reversed(container.get("environment")));
            if (container.has("secrets")) container.set("secrets", reversed(container.get("secrets")));
            containers.add(container);
        }
        td.set("containerDefinitions", containers);
        return td;
    }

    /** The CreateService-shaped settings DescribeServices reports for a service created with {@code settings}. */
    public static ObjectNode serviceSettings(JsonNode settings) {
        ObjectNode s = (ObjectNode) settings.deepCopy();
        s.remove("desiredCount");
        s.remove("tags");
        s.putIfAbsent("launchType", NODES.stringNode("EC2"));
        if (s.get("launchType").asString().equals("FARGATE")) s.putIfAbsent("platformVersion", NODES.stringNode("LATEST"));
        ObjectNode deployment = s.has("deploymentConfiguration")
                ? (ObjectNode) s.get("deploymentConfiguration") : s.putObject("deploymentConfiguration");
        deployment.putIfAbsent("maximumPercent", NODES.numberNode(200));
        deployment.putIfAbsent("minimumHealthyPercent", NODES.numberNode(100));
        ObjectNode breaker = deployment.has("deploymentCircuitBreaker")
                ? (ObjectNode) deployment.get("deploymentCircuitBreaker") : deployment.putObject("deploymentCircuitBreaker");
        breaker.putIfAbsent("enable", NODES.booleanNode(false));
        breaker.putIfAbsent("rollback", NODES.booleanNode(false));
        s.putIfAbsent("schedulingStrategy", NODES.stringNode("REPLICA"));
        s.putIfAbsent("enableECSManagedTags", NODES.booleanNode(false));
        s.putIfAbsent("enableExecuteCommand", NODES.booleanNode(false));
        s.putIfAbsent("propagateTags", NODES.stringNode("NONE"));
        s.putIfAbsent("healthCheckGracePeriodSeconds", NODES.numberNode(0));
        s.putIfAbsent("placementConstraints", NODES.arrayNode());
        s.putIfAbsent("placementStrategy", NODES.arrayNode());
        JsonNode vpc = s.at("/networkConfiguration/awsvpcConfiguration");
        if (vpc instanceof ObjectNode v) {
            v.putIfAbsent("assignPublicIp", NODES.stringNode("DISABLED"));
            if (v.has("subnets")) v.set("subnets", reversed(v.get("subnets")));
            if (v.has("securityGroups")) v.set("securityGroups", reversed(v.get("securityGroups")));
        }
        return s;
    }

    private static ArrayNode reversed(JsonNode list) {
        List<JsonNode> items = new ArrayList<>();
        list.forEach(items::add);
        ArrayNode out = NODES.arrayNode();
        for (int i = items.size() - 1; i >= 0; i--) out.add(items.get(i));
        return out;
    }
}
