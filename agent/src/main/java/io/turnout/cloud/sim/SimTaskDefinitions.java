package io.turnout.cloud.sim;

import io.turnout.cloud.CloudException;
import io.turnout.cloud.TaskDefinitionInfo;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The task definition registry of one partition: revisions per family, and the fields and
 * defaults AWS adds when it registers one (what DescribeTaskDefinition returns differs
 * from what was sent; the normalizer must undo exactly these).
 */
final class SimTaskDefinitions {
    static final String REGISTER = "ecs:RegisterTaskDefinition";
    private static final Pattern FAMILY = Pattern.compile("^[a-zA-Z0-9_-]{1,255}$");
    private static final Set<String> REQUEST_FIELDS = Set.of("family", "taskRoleArn", "executionRoleArn",
            "networkMode", "containerDefinitions", "volumes", "placementConstraints", "requiresCompatibilities",
            "cpu", "memory", "runtimePlatform", "proxyConfiguration", "ephemeralStorage", "pidMode", "ipcMode",
            "inferenceAccelerators", "tags");
    private static final List<String> CONTAINER_LIST_DEFAULTS =
            List.of("portMappings", "environment", "mountPoints", "volumesFrom", "systemControls");

    /** One registered revision with its resource tags, sorted by key (so that a world file writes them in one order). */
    record Revision(String arn, String family, int revision, ObjectNode definition, Map<String, String> tags) {
        Revision {
            tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
        }

        TaskDefinitionInfo info() {
            return new TaskDefinitionInfo(arn, family, revision, definition.get("status").asString(), definition);
        }
    }

    private final SimRegion region;
    private final Map<String, TreeMap<Integer, Revision>> families = new TreeMap<>();

    SimTaskDefinitions(SimRegion region) {
        this.region = region;
    }

    /** RegisterTaskDefinition: validates like AWS, adds AWS's fields, takes the family's next revision. */
    Revision register(JsonNode request, Map<String, String> tags) {
        if (request == null || !request.isObject()) throw client("the request must be a JSON object");
        for (String field : request.propertyNames()) {
            if (!REQUEST_FIELDS.contains(field)) {
                throw client("Unknown parameter in input: \"" + field + "\", must be one of: "
                        + String.join(", ", REQUEST_FIELDS.stream().sorted().toList()));
            }
        }
        String family = text(request, "family");
        if (family == null || !FAMILY.matcher(family).matches()) {
            throw client("Family must be specified and consist of up to 255 letters, numbers, hyphens and underscores");
        }
        ObjectNode def = ((ObjectNode) request).deepCopy();
        Map<String, String> allTags = new TreeMap<>(tags);
        JsonNode requestTags = def.remove("tags");
        if (requestTags != null) {
            for (JsonNode t : requestTags) allTags.put(t.path("key").asString(), t.path("value").asString());
        }
        String networkMode = def.has("networkMode") ? def.get("networkMode").asString() : "bridge";
        def.put("networkMode", networkMode); // AWS: absent means bridge (the EC2 default)
        boolean fargate = false;
        for (JsonNode c : def.path("requiresCompatibilities")) fargate |= "FARGATE".equals(c.asString());
        if (fargate && !"awsvpc".equals(networkMode)) throw client("Fargate only supports network mode 'awsvpc'.");
        // AWS returns task-level cpu and memory as strings even when sent as numbers.
        for (String field : List.of("cpu", "memory")) {
            if (def.has(field)) def.put(field, def.get(field).asString());
        }
        if (fargate && (!def.has("cpu") || !def.has("memory"))) {
            throw client("Fargate requires task definition to have 'cpu' and 'memory' defined at the task level.");
        }
        completeContainers(def, "awsvpc".equals(networkMode));
        if (!def.has("volumes")) def.set("volumes", def.arrayNode());
        if (!def.has("placementConstraints")) def.set("placementConstraints", def.arrayNode());

        TreeMap<Integer, Revision> revisions = families.computeIfAbsent(family, f -> new TreeMap<>());
        int revision = revisions.isEmpty() ? 1 : revisions.lastKey() + 1;
        String arn = region.arn("ecs", "task-definition/" + family + ":" + revision);
        ObjectNode described = JsonNodeFactory.instance.objectNode();
        described.put("taskDefinitionArn", arn);
        described.setAll(def);
        described.put("revision", revision);
        described.put("status", "ACTIVE");
        described.set("requiresAttributes", requiresAttributes(def, "awsvpc".equals(networkMode)));
        ArrayNode compatibilities = described.putArray("compatibilities");
        compatibilities.add("EC2");
        if (fargate) compatibilities.add("FARGATE");
        described.put("registeredAt", region.now().toString());
        described.put("registeredBy", "arn:aws:sts::" + region.account() + ":assumed-role/turnout-deployer/turnout");
        Revision result = new Revision(arn, family, revision, described, allTags);
        revisions.put(revision, result);
        return result;
    }

    /** Puts a revision exactly as described (world files), keeping its revision number. */
    Revision restore(ObjectNode described, Map<String, String> tags) {
        String family = text(described, "family");
        int revision = described.path("revision").asInt();
        String arn = region.arn("ecs", "task-definition/" + family + ":" + revision);
        ObjectNode copy = described.deepCopy();
        copy.put("taskDefinitionArn", arn);
        if (!copy.has("status")) copy.put("status", "ACTIVE");
        Revision result = new Revision(arn, family, revision, copy, tags);
        families.computeIfAbsent(family, f -> new TreeMap<>()).put(revision, result);
        return result;
    }

    /** By ARN, {@code family:revision} or {@code family} (its latest ACTIVE revision). */
    Optional<Revision> find(String reference) {
        if (reference == null || reference.isBlank()) return Optional.empty();
        String ref = reference;
        if (ref.startsWith("arn:")) {
            String prefix = region.arn("ecs", "task-definition/");
            if (!ref.startsWith(prefix)) return Optional.empty(); // another account or region
            ref = ref.substring(prefix.length());
        }
        int colon = ref.lastIndexOf(':');
        TreeMap<Integer, Revision> revisions = families.get(colon < 0 ? ref : ref.substring(0, colon));
        if (revisions == null) return Optional.empty();
        if (colon < 0) {
            return revisions.descendingMap().values().stream()
                    .filter(r -> "ACTIVE".equals(r.definition().get("status").asString())).findFirst();
        }
        try {
            return Optional.ofNullable(revisions.get(Integer.parseInt(ref.substring(colon + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Every revision, by family then revision. */
    List<Revision> all() {
        return families.values().stream().flatMap(m -> m.values().stream()).toList();
    }

    private static void completeContainers(ObjectNode def, boolean awsvpc) {
        JsonNode containers = def.get("containerDefinitions");
        if (containers == null || !containers.isArray() || containers.isEmpty()) {
            throw client("Container list cannot be empty.");
        }
        Set<String> names = new HashSet<>();
        for (JsonNode node : containers) {
            if (!node.isObject()) throw client("each container definition must be an object");
            ObjectNode c = (ObjectNode) node;
            String name = text(c, "name");
            if (name == null || name.isBlank()) throw client("Container.name should not be null or empty.");
            if (text(c, "image") == null) throw client("Container.image should not be null or empty.");
            if (!names.add(name)) throw client("Duplicate container name: " + name);
            if (!c.has("cpu")) c.put("cpu", 0);
            if (!c.has("essential")) c.put("essential", true);
            for (String list : CONTAINER_LIST_DEFAULTS) if (!c.has(list)) c.set(list, c.arrayNode());
            for (JsonNode pm : c.get("portMappings")) {
                ObjectNode mapping = (ObjectNode) pm;
                if (!mapping.has("protocol")) mapping.put("protocol", "tcp");
                if (awsvpc && mapping.has("containerPort")) {
                    int port = mapping.get("containerPort").asInt();
                    // awsvpc: the task has its own ENI, so the host port is the container port.
                    if (mapping.has("hostPort") && mapping.get("hostPort").asInt() != port) {
                        throw client("When networkMode=awsvpc, the host ports and container ports in port mappings must match.");
                    }
                    mapping.put("hostPort", port);
                }
            }
        }
    }

    private static ArrayNode requiresAttributes(ObjectNode def, boolean awsvpc) {
        ArrayNode attrs = JsonNodeFactory.instance.arrayNode();
        attrs.addObject().put("name", "com.amazonaws.ecs.capability.docker-remote-api.1.18");
        if (awsvpc) attrs.addObject().put("name", "ecs.capability.task-eni");
        if (def.has("executionRoleArn")) attrs.addObject().put("name", "ecs.capability.execution-role-ecr-pull");
        if (def.has("taskRoleArn")) attrs.addObject().put("name", "com.amazonaws.ecs.capability.task-iam-role");
        return attrs;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isString() ? v.asString() : null;
    }

    private static CloudException client(String message) {
        return SimErrors.invalid("ClientException", REGISTER, message);
    }
}
