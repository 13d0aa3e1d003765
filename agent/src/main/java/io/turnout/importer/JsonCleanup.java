package io.turnout.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a document as AWS or a tool wrote it into the request a person would write: no
 * {@code null}s, no {@code ""} where only one of a fixed set of values is allowed, no empty
 * lists or objects (AWS answers {@code []} for what a request left out), and — for AWS's
 * answers — no value AWS fills in by itself when the request leaves it out.
 */
final class JsonCleanup {
    private JsonCleanup() {}

    /**
     * Removes {@code null}s, {@code ""} values of {@code enumFields}, and lists and objects that
     * are empty (or become empty). Returns the same node, changed in place.
     */
    static JsonNode tidy(JsonNode node, Set<String> enumFields) {
        if (node instanceof ObjectNode object) {
            List<String> drop = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                JsonNode v = tidy(e.getValue(), enumFields);
                if (v.isNull() || isEmptyContainer(v) || v.isString() && v.asString().isEmpty() && enumFields.contains(e.getKey())) {
                    drop.add(e.getKey());
                }
            }
            drop.forEach(object::remove);
        } else if (node instanceof ArrayNode array) {
            for (int i = array.size() - 1; i >= 0; i--) {
                JsonNode v = tidy(array.get(i), enumFields);
                if (v.isNull() || isEmptyContainer(v)) array.remove(i);
            }
        }
        return node;
    }

    private static boolean isEmptyContainer(JsonNode v) {
        return (v.isObject() || v.isArray()) && v.isEmpty();
    }

    /**
     * Removes every value of {@code document} whose removal leaves {@code normalizer}'s result the
     * same: AWS's own defaults, written out in its answers. Names in {@code keep} (identity:
     * {@code family}, {@code name}, {@code image} …) stay whatever their value.
     */
    static void pruneDefaults(ObjectNode document, Function<JsonNode, JsonNode> normalizer, Set<String> keep) {
        JsonNode target = normalizer.apply(document);
        prune(document, document, normalizer, target, keep);
    }

    private static void prune(ObjectNode root, JsonNode node, Function<JsonNode, JsonNode> normalizer, JsonNode target,
                              Set<String> keep) {
        if (node instanceof ObjectNode object) {
            List<String> order = List.copyOf(object.propertyNames());
            for (String field : order) {
                if (keep.contains(field)) {
                    prune(root, object.get(field), normalizer, target, keep);
                    continue;
                }
                JsonNode removed = object.remove(field);
                if (normalizer.apply(root).equals(target)) continue;
                object.set(field, removed);
                prune(root, removed, normalizer, target, keep);
            }
            // put the fields that stayed back in the order the document had them
            ObjectNode kept = object.deepCopy();
            object.removeAll();
            for (String field : order) if (kept.has(field)) object.set(field, kept.get(field));
        } else if (node instanceof ArrayNode array) {
            for (JsonNode item : array) prune(root, item, normalizer, target, keep);
        }
    }
}
