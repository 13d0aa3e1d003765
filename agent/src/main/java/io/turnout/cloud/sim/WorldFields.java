package io.turnout.cloud.sim;

import io.turnout.spec.load.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/** Typed access to a world file's fields, every error naming the file and the field's path. */
final class WorldFields {

    private final String file;

    WorldFields(String file) {
        this.file = file;
    }

    WorldFileException error(String path, String message) {
        return new WorldFileException(file + ": " + path + ": " + message);
    }

    void onlyFields(JsonNode node, String path, String... allowed) {
        object(node, path);
        Set<String> known = Set.of(allowed);
        for (String name : node.propertyNames()) {
            if (!known.contains(name)) {
                throw error(path + "." + name, "unknown field; allowed here: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    JsonNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) throw error(path, "expected a mapping, got " + describe(node));
        return node;
    }

    String string(JsonNode parent, String field, String path) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) throw error(path + "." + field, "required");
        if (!v.isString() || v.asString().isBlank()) throw error(path + "." + field, "expected a non-empty string, got " + describe(v));
        return v.asString();
    }

    String optionalString(JsonNode parent, String field, String path) {
        JsonNode v = parent.get(field);
        return v == null || v.isNull() ? null : string(parent, field, path);
    }

    int integer(JsonNode parent, String field, String path) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) throw error(path + "." + field, "required");
        if (!v.isIntegralNumber() || !v.canConvertToInt()) throw error(path + "." + field, "expected an integer, got " + describe(v));
        return v.asInt();
    }

    int integer(JsonNode parent, String field, String path, int defaultValue) {
        return parent.has(field) ? integer(parent, field, path) : defaultValue;
    }

    boolean bool(JsonNode parent, String field, String path, boolean defaultValue) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) return defaultValue;
        if (!v.isBoolean()) throw error(path + "." + field, "expected true or false, got " + describe(v));
        return v.asBoolean();
    }

    /** The elements of an optional list field (empty when absent). */
    List<JsonNode> list(JsonNode parent, String field, String path) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) return List.of();
        if (!v.isArray()) throw error(path + "." + field, "expected a list, got " + describe(v));
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    Duration duration(JsonNode parent, String field, String path, Duration defaultValue) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) return defaultValue;
        try {
            if (!v.isString()) throw new IllegalArgumentException("not a string");
            return Durations.parse(v.asString()); // the same duration syntax as the specs
        } catch (IllegalArgumentException e) {
            throw error(path + "." + field, "expected a duration such as 20s, 1m30s or 500ms, got " + describe(v));
        }
    }

    private static String describe(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) return "nothing";
        if (v.isObject()) return "a mapping";
        if (v.isArray()) return "a list";
        return "'" + v.asString() + "'";
    }
}
