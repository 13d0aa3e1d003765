package io.turnout.cloud.sim;

import io.turnout.cloud.CloudException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CreateService-shaped settings of a simulated service: which fields are accepted, the
 * defaults AWS fills in (the brief's "What AWS adds" list, exactly), and which changes make
 * UpdateService start a new deployment.
 */
final class ServiceSettings {
    static final Set<String> ALLOWED = Set.of("desiredCount", "launchType", "capacityProviderStrategy",
            "platformVersion", "networkConfiguration", "healthCheckGracePeriodSeconds", "enableExecuteCommand",
            "propagateTags", "enableECSManagedTags", "placementConstraints", "placementStrategy",
            "deploymentConfiguration", "availabilityZoneRebalancing", "tags", "schedulingStrategy",
            "serviceConnectConfiguration", "volumeConfigurations", "vpcLatticeConfigurations",
            // AWS takes the deployment controller at creation (ECS, CODE_DEPLOY, EXTERNAL) and reports it back;
            // the simulator keeps it so that services of AWS's own engines can be imported and compared
            "deploymentController");
    /** Changing any of these replaces the tasks, so ECS starts a new deployment. */
    private static final Set<String> REDEPLOYING = Set.of("launchType", "capacityProviderStrategy",
            "platformVersion", "networkConfiguration", "placementConstraints", "placementStrategy",
            "serviceConnectConfiguration", "volumeConfigurations", "vpcLatticeConfigurations");

    private ServiceSettings() {}

    /**
     * Validates {@code settings}, moves {@code tags} (a CreateService tag list) into {@code tags},
     * drops {@code desiredCount} (a typed field of the request) and fills AWS's defaults.
     */
    static ObjectNode complete(JsonNode settings, Map<String, String> tags, String operation) {
        ObjectNode s = settings == null || settings.isNull() || settings.isMissingNode()
                ? JsonNodeFactory.instance.objectNode() : checkedObject(settings, operation);
        for (String field : s.propertyNames()) {
            if (!ALLOWED.contains(field)) {
                throw SimErrors.invalid("InvalidParameterException", operation, "Unknown or Turnout-owned service"
                        + " setting '" + field + "'; allowed: " + String.join(", ", ALLOWED.stream().sorted().toList()));
            }
        }
        s.remove("desiredCount");
        JsonNode tagList = s.remove("tags");
        if (tagList != null) for (JsonNode t : tagList) tags.put(t.path("key").asString(), t.path("value").asString());
        boolean daemon = "DAEMON".equals(s.path("schedulingStrategy").asString(""));
        if (daemon && "FARGATE".equals(s.path("launchType").asString(""))) {
            throw SimErrors.invalid("InvalidParameterException", operation, "Fargate does not support the DAEMON scheduling strategy");
        }
        ObjectNode dc = s.has("deploymentConfiguration") ? (ObjectNode) s.get("deploymentConfiguration")
                : s.putObject("deploymentConfiguration");
        // a daemon never runs more than one task per instance during a deployment, and may stop them all
        if (!dc.has("maximumPercent")) dc.put("maximumPercent", daemon ? 100 : 200);
        if (!dc.has("minimumHealthyPercent")) dc.put("minimumHealthyPercent", daemon ? 0 : 100);
        ObjectNode breaker = dc.has("deploymentCircuitBreaker") ? (ObjectNode) dc.get("deploymentCircuitBreaker")
                : dc.putObject("deploymentCircuitBreaker");
        if (!breaker.has("enable")) breaker.put("enable", false);
        if (!breaker.has("rollback")) breaker.put("rollback", false);
        if (!s.has("schedulingStrategy")) s.put("schedulingStrategy", "REPLICA");
        if ("FARGATE".equals(s.path("launchType").asString(null)) && !s.has("platformVersion")) {
            s.put("platformVersion", "LATEST");
        }
        if (!s.has("enableECSManagedTags")) s.put("enableECSManagedTags", false);
        if (!s.has("enableExecuteCommand")) s.put("enableExecuteCommand", false);
        if (!s.has("propagateTags")) s.put("propagateTags", "NONE");
        if (!s.has("healthCheckGracePeriodSeconds")) s.put("healthCheckGracePeriodSeconds", 0);
        if (!s.has("placementConstraints")) s.set("placementConstraints", s.arrayNode());
        if (!s.has("placementStrategy")) s.set("placementStrategy", s.arrayNode());
        JsonNode vpc = s.path("networkConfiguration").path("awsvpcConfiguration");
        if (vpc.isObject()) {
            ObjectNode awsvpc = (ObjectNode) vpc;
            if (!awsvpc.has("assignPublicIp")) awsvpc.put("assignPublicIp", "DISABLED");
            // AWS returns subnets and security groups in its own order, not the request's.
            for (String list : List.of("subnets", "securityGroups")) {
                if (awsvpc.get(list) instanceof ArrayNode array) awsvpc.set(list, sorted(array));
            }
        }
        return s;
    }

    static boolean breakerEnabled(ObjectNode settings) {
        return settings.path("deploymentConfiguration").path("deploymentCircuitBreaker").path("enable").asBoolean(false);
    }

    static boolean rollbackEnabled(ObjectNode settings) {
        return settings.path("deploymentConfiguration").path("deploymentCircuitBreaker").path("rollback").asBoolean(false);
    }

    /** Whether going from {@code before} to {@code after} replaces the tasks. */
    static boolean redeploys(ObjectNode before, ObjectNode after) {
        return REDEPLOYING.stream().anyMatch(f -> !before.path(f).equals(after.path(f)));
    }

    /** UpdateService: present top-level fields replace the old ones; the rest stays. */
    static ObjectNode update(ObjectNode current, JsonNode changes, Map<String, String> tags, String operation) {
        ObjectNode merged = current.deepCopy();
        checkedObject(changes, operation).properties().forEach(e -> merged.set(e.getKey(), e.getValue().deepCopy()));
        return complete(merged, tags, operation);
    }

    private static ObjectNode checkedObject(JsonNode settings, String operation) {
        if (!settings.isObject()) {
            throw SimErrors.invalid("InvalidParameterException", operation, "service settings must be an object");
        }
        return (ObjectNode) settings.deepCopy();
    }

    private static ArrayNode sorted(ArrayNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        values.sort(null);
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        values.forEach(out::add);
        return out;
    }

    static CloudException invalid(String operation, String message) {
        return SimErrors.invalid("InvalidParameterException", operation, message);
    }
}
