package io.turnout.importer;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The text of the imported files: {@code environments/<env>.yaml}, and per service
 * {@code services/<name>/service.yaml} (with the remarks and what could not be expressed as
 * comments at its top) and {@code services/<name>/<name>.taskdef.json} (the
 * RegisterTaskDefinition request, as {@code aws ecs register-task-definition --cli-input-json}
 * takes it).
 */
final class ImportWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int WIDTH = 100;

    private ImportWriter() {}

    static String environmentPath(String name) {
        return "environments/" + name + ".yaml";
    }

    static String servicePath(String name) {
        return "services/" + name + "/service.yaml";
    }

    static String taskDefinitionPath(String name) {
        return "services/" + name + "/" + name + ".taskdef.json";
    }

    static String environment(String name, String region, java.util.Optional<String> account, String cluster, String origin) {
        ObjectNode doc = NODES.objectNode();
        doc.put("apiVersion", "turnout/v1").put("kind", "Environment");
        doc.putObject("metadata").put("name", name);
        ObjectNode spec = doc.putObject("spec");
        ObjectNode aws = spec.putObject("aws").put("region", region);
        account.ifPresent(a -> aws.put("accountId", a));
        spec.put("cluster", cluster);
        spec.putObject("sync").put("policy", "plan-only");
        List<String> header = List.of("Imported by turnout import from " + origin + ".",
                "sync.policy plan-only: the agent plans every commit and waits for a person; set auto-apply once the plans"
                        + " look right.");
        return comments(header) + YAML.writeValueAsString(doc);
    }

    static String service(ImportedService s, String environment) {
        ObjectNode doc = NODES.objectNode();
        doc.put("apiVersion", "turnout/v1").put("kind", "Service");
        doc.putObject("metadata").put("name", s.name());
        ObjectNode spec = doc.putObject("spec");
        spec.putArray("environments").add(environment);
        spec.putObject("taskDefinition").put("file", s.name() + ".taskdef.json");
        if (!s.service().isEmpty()) spec.set("service", s.service());
        spec.set("strategy", s.strategy());
        List<String> header = new ArrayList<>();
        header.add("Imported by turnout import from ECS service" + (s.ecsServices().size() == 1 ? " " : "s ")
                + String.join(" and ", s.ecsServices()) + ": " + s.summary() + ".");
        s.remarks().forEach(r -> header.add(capitalize(r) + "."));
        if (!s.unexpressed().isEmpty()) {
            header.add("Not expressed in this spec:");
            s.unexpressed().forEach(u -> header.add("- " + u.describe()));
        }
        return comments(header) + YAML.writeValueAsString(doc);
    }

    static String taskDefinition(JsonNode td) {
        Separators separators = Separators.createDefaultInstance().withObjectNameValueSpacing(Separators.Spacing.AFTER);
        return JSON.writer().with(new DefaultPrettyPrinter(separators)).writeValueAsString(td) + "\n";
    }

    /** Each line as a YAML comment, wrapped at 100 columns. */
    static String comments(List<String> lines) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            String prefix = "# ";
            String indent = line.startsWith("- ") ? "#   " : "# ";
            String rest = line;
            while (rest.length() + prefix.length() > WIDTH) {
                int cut = rest.lastIndexOf(' ', WIDTH - prefix.length());
                if (cut <= 0) break;
                out.append(prefix).append(rest, 0, cut).append('\n');
                rest = rest.substring(cut + 1);
                prefix = indent;
            }
            out.append(prefix).append(rest).append('\n');
        }
        return out.toString();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
