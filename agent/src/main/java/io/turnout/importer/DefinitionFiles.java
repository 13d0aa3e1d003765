package io.turnout.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The definitions teams already have, as files (JSON or YAML): DescribeServices output (the
 * {@code {"services": […]}} answer, or one service of it), DescribeTaskDefinition output
 * (wrapped in {@code {"taskDefinition": …}} or not), ecspresso service and task definitions and
 * its config file ({@code service_definition}, {@code task_definition}), CreateService and
 * RegisterTaskDefinition requests. Services and task definitions are paired by the service's
 * {@code taskDefinition} (its family), or — one of each — with each other. Templates
 * ({@code {{ must_env … }}}) are refused with how to render them: their values are not known.
 */
final class DefinitionFiles {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A service document has at least one of these (a DescribeServices answer or a CreateService request). */
    private static final Set<String> SERVICE_MARKERS = Set.of("serviceName", "serviceArn", "desiredCount", "launchType",
            "loadBalancers", "networkConfiguration", "deploymentConfiguration", "capacityProviderStrategy",
            "schedulingStrategy", "serviceRegistries", "deploymentController", "taskDefinition");
    /** Fields only DescribeServices answers carry. */
    private static final Set<String> DESCRIBED = Set.of("serviceArn", "status", "runningCount", "pendingCount", "events",
            "deployments", "createdAt", "clusterArn", "roleArn");

    private final List<FoundService> services = new ArrayList<>();
    private final List<Unexpressed> refused = new ArrayList<>();
    private final Map<String, String> arns = new LinkedHashMap<>();
    private Optional<String> cluster = Optional.empty();

    /**
     * One service document: its file, the service name a config gave it, and the task
     * definition the config pairs it with (ecspresso's config names both), if any.
     */
    private record ServiceDoc(Path file, JsonNode doc, Optional<String> name, Optional<TaskDefinitionDoc> paired) {
        ServiceDoc(Path file, JsonNode doc, Optional<String> name) {
            this(file, doc, name, Optional.empty());
        }
    }

    /** One task definition document. */
    private record TaskDefinitionDoc(Path file, JsonNode doc) {
        String family() {
            return TaskDefinitionCleanup.unwrap(doc).path("family").asString("");
        }
    }

    /** Reads {@code files}; {@code serviceName} names the service of definitions that do not say (ecspresso's). */
    DefinitionFiles read(List<Path> files, Optional<String> serviceName) {
        List<ServiceDoc> serviceDocs = new ArrayList<>();
        List<TaskDefinitionDoc> taskDefinitions = new ArrayList<>();
        for (Path file : files) classify(file, serviceName, serviceDocs, taskDefinitions);
        List<TaskDefinitionDoc> unpaired = new ArrayList<>(taskDefinitions);
        for (ServiceDoc s : serviceDocs) {
            Optional<TaskDefinitionDoc> td = s.paired().or(() -> pair(s.doc(), taskDefinitions, serviceDocs.size()));
            td.ifPresent(unpaired::remove);
            String name = s.name().or(() -> text(s.doc(), "serviceName"))
                    .or(() -> td.map(TaskDefinitionDoc::family)).orElse(stem(s.file()));
            if (td.isEmpty()) {
                refused.add(new Unexpressed(name, s.file().toString(), "no task definition for it (taskDefinition "
                        + text(s.doc(), "taskDefinition").orElse("not named") + "): pass its task definition file or"
                        + " DescribeTaskDefinition output too; the service is not imported"));
                continue;
            }
            services.add(service(s, name, td.get()));
        }
        for (TaskDefinitionDoc td : unpaired) {
            String family = td.family();
            if ("awsvpc".equals(TaskDefinitionCleanup.unwrap(td.doc()).path("networkMode").asString(""))) {
                // ECS refuses CreateService for an awsvpc task without the tasks' subnets, and no default would do
                refused.add(new Unexpressed(family, td.file().toString(), "only a task definition was given, and its networkMode"
                        + " is awsvpc: a service of it needs its subnets (networkConfiguration), which only the service's"
                        + " definition has: pass its service definition or DescribeServices output too; the service is not imported"));
                continue;
            }
            List<Unexpressed> notes = List.of(new Unexpressed(family, "service settings", "only a task definition was given"
                    + " (" + td.file() + "): the service gets ECS's defaults (1 task, no network configuration); import its"
                    + " service definition or DescribeServices output too to keep its settings"));
            services.add(new FoundService(family, td.file().toString(), Optional.of(TaskDefinitionCleanup.request(td.doc())),
                    JsonNodeFactory.instance.objectNode(), Optional.empty(), 0, JsonNodeFactory.instance.arrayNode(),
                    List.of(), List.of(), "ECS", Map.of(), Optional.empty(), notes));
        }
        return this;
    }

    List<FoundService> services() {
        return List.copyOf(services);
    }

    /** Files or documents that were not imported, and why. */
    List<Unexpressed> refused() {
        return List.copyOf(refused);
    }

    /** The cluster the documents name ({@code cluster}, or the name in {@code clusterArn}), if any. */
    Optional<String> cluster() {
        return cluster;
    }

    /** The region and account of the first ARN found, as {@code region} / {@code account}. */
    Optional<String> region() {
        return arnPart(3);
    }

    Optional<String> account() {
        return arnPart(4).filter(a -> a.matches("[0-9]{12}"));
    }

    private Optional<String> arnPart(int index) {
        return arns.values().stream().map(a -> a.split(":")).filter(p -> p.length > index && !p[index].isEmpty())
                .map(p -> p[index]).findFirst();
    }

    private void classify(Path file, Optional<String> serviceName, List<ServiceDoc> serviceDocs,
                          List<TaskDefinitionDoc> taskDefinitions) {
        JsonNode doc;
        try {
            String text = Files.readString(file);
            // JSON first: it may be indented with tabs, which YAML does not allow
            doc = text.stripLeading().startsWith("{") || text.stripLeading().startsWith("[")
                    ? JSON.readTree(text) : YAML.readTree(text);
        } catch (IOException | JacksonException e) {
            String why = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            refused.add(new Unexpressed(file.toString(), file.toString(), "not readable as JSON or YAML: " + why));
            return;
        }
        Optional<String> template = Templates.find(doc);
        if (template.isPresent()) {
            refused.add(new Unexpressed(file.toString(), file.toString(), "it is a template (" + template.get() + "): its"
                    + " values are not known until it is rendered; render it (ecspresso render servicedef / taskdef, or"
                    + " your template tool) and import the rendered file"));
            return;
        }
        if (doc.has("service_definition") || doc.has("task_definition")) {
            ecspressoConfig(file, doc, serviceDocs, taskDefinitions);
        } else if (doc.path("services").isArray()) {
            doc.get("services").forEach(s -> serviceDocs.add(new ServiceDoc(file, s, serviceName)));
            doc.path("failures").forEach(f -> refused.add(new Unexpressed(f.path("arn").asString(file.toString()),
                    file.toString(), "DescribeServices failed for it: " + f.path("reason").asString("no reason given"))));
        } else if (doc.path("service").isObject()) {
            serviceDocs.add(new ServiceDoc(file, doc.get("service"), serviceName));
        } else if (TaskDefinitionCleanup.unwrap(doc).has("containerDefinitions")) {
            taskDefinitions.add(new TaskDefinitionDoc(file, doc));
        } else if (doc.isObject() && SERVICE_MARKERS.stream().anyMatch(doc::has)) {
            serviceDocs.add(new ServiceDoc(file, doc, serviceName));
        } else {
            refused.add(new Unexpressed(file.toString(), file.toString(), "neither a service (no CreateService or"
                    + " DescribeServices fields) nor a task definition (no containerDefinitions)"));
            return;
        }
        collectArns(doc);
    }

    /** ecspresso's config: the service and task definition files it names, and its cluster and service. */
    private void ecspressoConfig(Path file, JsonNode config, List<ServiceDoc> serviceDocs, List<TaskDefinitionDoc> tds) {
        text(config, "cluster").ifPresent(c -> cluster = Optional.of(c));
        Optional<String> service = text(config, "service");
        Path dir = file.toAbsolutePath().getParent();
        List<ServiceDoc> services = new ArrayList<>();
        List<TaskDefinitionDoc> definitions = new ArrayList<>();
        for (String key : List.of("service_definition", "task_definition")) {
            Optional<String> path = text(config, key);
            if (path.isEmpty()) continue;
            Path named = dir.resolve(path.get());
            int before = services.size() + definitions.size() + refused.size();
            classify(named, service, services, definitions);
            if (services.size() + definitions.size() + refused.size() == before) {
                refused.add(new Unexpressed(file.toString(), named.toString(), "named by " + key + " but not read"));
            }
        }
        // the config pairs its service definition with its task definition
        Optional<TaskDefinitionDoc> definition = definitions.size() == 1 ? Optional.of(definitions.getFirst()) : Optional.empty();
        services.forEach(s -> serviceDocs.add(new ServiceDoc(s.file(), s.doc(), s.name(), definition)));
        tds.addAll(definitions);
    }

    private static Optional<TaskDefinitionDoc> pair(JsonNode service, List<TaskDefinitionDoc> tds, int serviceCount) {
        Optional<String> family = text(service, "taskDefinition").map(DefinitionFiles::family);
        if (family.isPresent()) {
            Optional<TaskDefinitionDoc> byFamily = tds.stream().filter(t -> t.family().equals(family.get())).findFirst();
            if (byFamily.isPresent()) return byFamily;
        }
        return serviceCount == 1 && tds.size() == 1 ? Optional.of(tds.getFirst()) : Optional.empty();
    }

    /** The family of {@code web:3}, {@code web} or {@code arn:…:task-definition/web:3}. */
    static String family(String reference) {
        String last = reference.substring(reference.lastIndexOf('/') + 1);
        int colon = last.lastIndexOf(':');
        return colon > 0 && last.substring(colon + 1).matches("[0-9]+") ? last.substring(0, colon) : last;
    }

    private FoundService service(ServiceDoc s, String name, TaskDefinitionDoc td) {
        JsonNode doc = s.doc();
        boolean described = DESCRIBED.stream().anyMatch(doc::has);
        text(doc, "cluster").or(() -> text(doc, "clusterArn").map(LiveCluster::lastSegment)).ifPresent(c -> cluster = Optional.of(c));
        ObjectNode settings = ServiceSettingsCleanup.settings(withPrimaryDeploymentSettings(doc), described);
        List<Unexpressed> notes = new ArrayList<>();
        // the service-linked role is what ECS uses without one: only another role is worth a word
        boolean linkedRole = doc.path("roleArn").asString("").contains("/aws-service-role/ecs.amazonaws.com/");
        if (doc.has("role") || doc.has("roleArn") && !linkedRole) {
            notes.add(new Unexpressed(name, "role", "Turnout leaves the service role unset so that ECS uses its"
                    + " service-linked role; a service created from this spec gets that, the running one keeps its own"));
        }
        List<JsonNode> lbs = new ArrayList<>();
        doc.path("loadBalancers").forEach(lbs::add);
        List<String> registries = new ArrayList<>();
        doc.path("serviceRegistries").forEach(r -> registries.add(r.path("registryArn").asString()));
        Map<String, String> turnoutTags = new LinkedHashMap<>();
        doc.path("tags").forEach(t -> {
            String key = t.path("key").asString("");
            if (key.startsWith("turnout:") || key.equals(io.turnout.cloud.Tags.BG_VERSION)) {
                turnoutTags.put(key, t.path("value").asString(""));
            }
        });
        Optional<Integer> desired = doc.path("desiredCount").isIntegralNumber()
                ? Optional.of(doc.get("desiredCount").asInt()) : Optional.empty();
        return new FoundService(name, s.file().toString(), Optional.of(TaskDefinitionCleanup.request(td.doc())), settings,
                desired, doc.path("runningCount").asInt(0), ServiceSettingsCleanup.tags(doc), lbs, registries,
                doc.path("deploymentController").path("type").asString("ECS"), turnoutTags, Optional.empty(), notes);
    }

    /**
     * DescribeServices keeps Service Connect, managed EBS volumes and VPC Lattice in the PRIMARY
     * deployment, not at the top as CreateService takes them: lift them up.
     */
    private static JsonNode withPrimaryDeploymentSettings(JsonNode service) {
        ObjectNode copy = (ObjectNode) service.deepCopy();
        for (JsonNode d : service.path("deployments")) {
            if (!"PRIMARY".equals(d.path("status").asString())) continue;
            for (String member : List.of("serviceConnectConfiguration", "volumeConfigurations", "vpcLatticeConfigurations")) {
                if (d.has(member) && !copy.has(member)) copy.set(member, d.get(member).deepCopy());
            }
        }
        return copy;
    }

    private void collectArns(JsonNode node) {
        if (node.isString() && node.asString().startsWith("arn:aws")) arns.putIfAbsent(node.asString(), node.asString());
        node.forEach(this::collectArns);
        if (node.isObject()) node.properties().forEach(e -> collectArns(e.getValue()));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isString() && !v.asString().isBlank() ? Optional.of(v.asString()) : Optional.empty();
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
