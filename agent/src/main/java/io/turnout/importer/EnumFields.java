package io.turnout.importer;

import io.turnout.spec.load.SpecSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The names of the fields whose value is one of a fixed set in a spec schema (its {@code enum}s,
 * through local {@code $ref}s). Tools that dump definitions write {@code ""} for such a field
 * left unset ({@code "ipcMode": ""}, {@code "launchType": ""}), which AWS refuses: import drops
 * those. Read from the schemas themselves, so the list follows them.
 */
final class EnumFields {
    private static final Map<String, Set<String>> BY_FILE = new ConcurrentHashMap<>();

    private EnumFields() {}

    /** Enum fields of {@code task-definition.schema.json}. */
    static Set<String> taskDefinition() {
        return of("task-definition.schema.json");
    }

    /** Enum fields of {@code service.schema.json} (the service settings among them). */
    static Set<String> service() {
        return of("service.schema.json");
    }

    private static Set<String> of(String file) {
        return BY_FILE.computeIfAbsent(file, f -> {
            try (InputStream in = SpecSchemas.resource(f)) {
                JsonNode schema = JsonMapper.builder().build().readTree(in);
                Set<String> names = new HashSet<>();
                collect(schema, schema, names);
                return Set.copyOf(names);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void collect(JsonNode root, JsonNode node, Set<String> names) {
        if (node.isArray()) {
            node.forEach(n -> collect(root, n, names));
            return;
        }
        if (!node.isObject()) return;
        for (Map.Entry<String, JsonNode> p : node.path("properties").properties()) {
            if (isEnum(root, p.getValue())) names.add(p.getKey());
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            collect(root, e.getValue(), names);
        }
    }

    private static boolean isEnum(JsonNode root, JsonNode schema) {
        if (schema.has("enum")) return true;
        String ref = schema.path("$ref").asString("");
        return ref.startsWith("#/") && root.at(ref.substring(1)).has("enum");
    }
}
