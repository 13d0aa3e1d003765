package io.turnout.spec.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What ECS checks when it registers a task definition and JSON Schema cannot say, so that
 * {@code validate} refuses it first: references between containers and volumes, ports in the
 * awsvpc and host network modes, memory, essential containers, Fargate's rules, the size limit
 * and the tag limit. Where ECS's error has a wording people search for, the message uses it.
 * Each check is one that ECS is known to make; none is a guess about what might fail later.
 */
final class TaskDefinitionRules {
    /** RegisterTaskDefinition refuses a request over 64 KiB ("Actual length: '…'. Max allowed length is '65536' bytes."). */
    static final int MAX_BYTES = 65_536;
    /** AWS allows 50 tags per resource. */
    static final int MAX_TAGS = 50;

    private final JsonNode td;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Integer> containers = new HashMap<>();

    private TaskDefinitionRules(JsonNode td) {
        this.td = td;
    }

    /** The problems of one effective task definition (overrides applied), by pointer into it. */
    static List<Finding> check(JsonNode td) {
        return new TaskDefinitionRules(td).run();
    }

    private List<Finding> run() {
        JsonNode list = td.path("containerDefinitions");
        for (int i = 0; i < list.size(); i++) {
            String name = list.get(i).path("name").asString("");
            Integer first = containers.putIfAbsent(name, i);
            if (first != null) {
                add(C + i + "/name", "container name '" + name + "' is used twice (also containerDefinitions[" + first + "])",
                        "give each container of the task its own name");
            }
        }
        essential(list);
        Set<String> volumes = volumeNames();
        Map<String, String> portNames = new HashMap<>();
        for (int i = 0; i < list.size(); i++) container(list.get(i), C + i, volumes, portNames);
        proxy();
        fargate();
        size();
        tags();
        return findings;
    }

    private static final String C = "/containerDefinitions/";

    private void essential(JsonNode list) {
        boolean any = false;
        for (JsonNode c : list) any |= c.path("essential").asBoolean(true);
        if (!any && !list.isEmpty()) {
            add("/containerDefinitions", "Task definition doesn't have any essential container (ECS refuses it)",
                    "set essential: true on the container the task exists for (essential is true when left out)");
        }
    }

    private void container(JsonNode c, String at, Set<String> volumes, Map<String, String> portNames) {
        String name = c.path("name").asString("");
        String mode = td.path("networkMode").asString("bridge");
        JsonNode ports = c.path("portMappings");
        if (mode.equals("none") && !ports.isEmpty()) {
            add(at + "/portMappings", "container '" + name + "' maps ports, but with networkMode none a task has no network",
                    "remove portMappings, or choose another networkMode (awsvpc, bridge or host)");
        }
        for (int p = 0; p < ports.size(); p++) {
            JsonNode port = ports.get(p);
            String pointer = at + "/portMappings/" + p;
            if ((mode.equals("awsvpc") || mode.equals("host")) && port.has("hostPort") && port.has("containerPort")
                    && port.get("hostPort").asInt() != port.get("containerPort").asInt()) {
                // ECS's own wording (RegisterTaskDefinition ClientException)
                add(pointer + "/hostPort", "When networkMode=" + mode + ", the host ports and container ports in port mappings must match:"
                                + " container '" + name + "' maps hostPort " + port.get("hostPort") + " to containerPort " + port.get("containerPort"),
                        "remove hostPort (ECS uses the containerPort) or set it to " + port.get("containerPort"));
            }
            if (port.path("name").isString()) {
                String previous = portNames.putIfAbsent(port.get("name").asString(), name);
                if (previous != null) {
                    add(pointer + "/name", "port mapping name '" + port.get("name").asString() + "' is used twice in the task (also by container '"
                            + previous + "')", "give each port mapping of the task its own name: Service Connect and VPC Lattice find ports by it");
                }
            }
        }
        JsonNode mounts = c.path("mountPoints");
        for (int m = 0; m < mounts.size(); m++) {
            JsonNode source = mounts.get(m).path("sourceVolume");
            if (source.isString() && !volumes.contains(source.asString())) {
                add(at + "/mountPoints/" + m + "/sourceVolume", "Unknown volume '" + source.asString() + "': container '" + name
                                + "' mounts a volume the task definition does not define",
                        volumes.isEmpty() ? "add a volume named '" + source.asString() + "' to the task definition's volumes"
                                : "name one of the volumes (" + String.join(", ", volumes) + ") or add '" + source.asString() + "' to volumes");
            }
        }
        references(c.path("volumesFrom"), "sourceContainer", at + "/volumesFrom/", name, "takes volumes from");
        JsonNode dependsOn = c.path("dependsOn");
        references(dependsOn, "containerName", at + "/dependsOn/", name, "depends on");
        for (int d = 0; d < dependsOn.size(); d++) {
            JsonNode dep = dependsOn.get(d);
            String condition = dep.path("condition").asString("");
            Integer target = containers.get(dep.path("containerName").asString(""));
            if ((condition.equals("SUCCESS") || condition.equals("COMPLETE")) && target != null
                    && td.path("containerDefinitions").get(target).path("essential").asBoolean(true)) {
                add(at + "/dependsOn/" + d + "/condition", "A dependency container with SUCCESS or COMPLETE condition cannot be an essential container:"
                        + " container '" + dep.get("containerName").asString() + "' is essential",
                        "set essential: false on container '" + dep.get("containerName").asString() + "', or depend on it with START or HEALTHY");
            }
        }
        JsonNode links = c.path("links");
        for (int l = 0; l < links.size(); l++) {
            String link = links.get(l).asString("");
            String target = link.contains(":") ? link.substring(0, link.indexOf(':')) : link;
            if (mode.equals("awsvpc")) {
                add(at + "/links/" + l, "links are not supported when networkMode=awsvpc (container '" + name + "')",
                        "remove links: containers of an awsvpc task reach each other on localhost");
            } else if (!containers.containsKey(target)) {
                add(at + "/links/" + l, "container '" + name + "' links to '" + target + "', which is not a container of the task",
                        "name one of the containers: " + String.join(", ", containers.keySet()));
            }
        }
        memory(c, at, name);
    }

    private void references(JsonNode list, String field, String at, String name, String verb) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode target = list.get(i).path(field);
            if (target.isString() && !containers.containsKey(target.asString())) {
                add(at + i + "/" + field, "container '" + name + "' " + verb + " '" + target.asString() + "', which is not a container of the task",
                        "name one of the containers: " + String.join(", ", containers.keySet()));
            }
        }
    }

    private void memory(JsonNode c, String at, String name) {
        boolean hard = c.path("memory").isIntegralNumber();
        boolean soft = c.path("memoryReservation").isIntegralNumber();
        if (!td.has("memory") && !hard && !soft) {
            // ECS's own wording (RegisterTaskDefinition ClientException)
            add(at, "Invalid setting for container '" + name + "'. At least one of 'memory' or 'memoryReservation' must be specified"
                            + " (the task definition sets no task-level memory)",
                    "set memoryReservation (MiB) on the container, or memory on the task definition");
        }
        if (hard && soft && c.get("memory").asLong() < c.get("memoryReservation").asLong()) {
            add(at + "/memoryReservation", "container '" + name + "': memoryReservation " + c.get("memoryReservation")
                    + " MiB is more than its memory limit of " + c.get("memory") + " MiB", "set memoryReservation at most memory");
        }
    }

    private void proxy() {
        JsonNode name = td.path("proxyConfiguration").path("containerName");
        if (name.isString() && !containers.containsKey(name.asString())) {
            add("/proxyConfiguration/containerName", "proxyConfiguration.containerName '" + name.asString()
                    + "' is not a container of the task", "name the proxy container (e.g. envoy): one of " + String.join(", ", containers.keySet()));
        }
    }

    private Set<String> volumeNames() {
        Set<String> names = new LinkedHashSet<>();
        td.path("volumes").forEach(v -> {
            if (v.path("name").isString()) names.add(v.get("name").asString());
        });
        return names;
    }

    private void fargate() {
        boolean fargate = false;
        for (JsonNode c : td.path("requiresCompatibilities")) fargate |= "FARGATE".equals(c.asString(""));
        if (!fargate) return;
        if (!"awsvpc".equals(td.path("networkMode").asString(""))) {
            add(td.has("networkMode") ? "/networkMode" : "", "Fargate only supports network mode 'awsvpc'",
                    "set networkMode: awsvpc (and give the service networkConfiguration), or drop FARGATE from requiresCompatibilities");
        }
        JsonNode volumes = td.path("volumes");
        for (int v = 0; v < volumes.size(); v++) {
            if (volumes.get(v).path("host").has("sourcePath")) {
                add("/volumes/" + v + "/host/sourcePath", "Fargate compatible task definitions do not support sourcePath",
                        "remove host.sourcePath (a Fargate bind mount is task storage), or use an EFS volume");
            }
        }
        for (String field : List.of("cpu", "memory")) {
            if (!td.has(field)) {
                add("", "Fargate requires that '" + field + "' be defined at the task level",
                        "set the task definition's cpu and memory, e.g. cpu: \"256\", memory: \"512\"");
            }
        }
        if (!td.has("cpu") || !td.has("memory")) return;
        long cpu = TaskSizes.cpuUnits(td.get("cpu").asString());
        long memory = TaskSizes.memoryMiB(td.get("memory").asString());
        if (cpu < 0 || memory < 0 || TaskSizes.fargateMemory(cpu).contains(memory)) return;
        List<Long> allowed = TaskSizes.fargateMemory(cpu);
        add("/memory", "No Fargate configuration exists for given values: cpu " + cpu + " with memory " + memory + " MiB",
                allowed.isEmpty() ? "Fargate's cpu values are " + TaskSizes.FARGATE_CPU.keySet()
                        : "with cpu " + cpu + " Fargate takes memory " + TaskSizes.describe(allowed) + " (MiB)");
    }

    private void size() {
        int bytes = td.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            // ECS's own wording (RegisterTaskDefinition ClientException)
            add("", "Actual length: '" + bytes + "'. Max allowed length is '" + MAX_BYTES + "' bytes: the registered task definition"
                            + " would exceed RegisterTaskDefinition's 64 KiB",
                    "make it smaller: move environment variables to environmentFiles (S3) or secrets, and long commands into the image");
        }
    }

    private void tags() {
        int own = TurnoutTags.TASK_DEFINITION.size();
        int total = td.path("tags").size() + own;
        if (td.path("tags").size() > 0 && total > MAX_TAGS) {
            add("/tags", "the task definition would carry " + total + " tags, more than AWS's " + MAX_TAGS + " per resource: "
                    + td.path("tags").size() + " here and Turnout's " + own + " (" + String.join(", ", TurnoutTags.TASK_DEFINITION) + ")",
                    "remove at least " + (total - MAX_TAGS) + " tag" + (total - MAX_TAGS == 1 ? "" : "s"));
        }
    }

    private void add(String pointer, String message, String fix) {
        findings.add(Finding.taskDefinition(pointer, message, fix));
    }
}
