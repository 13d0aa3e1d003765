package io.turnout.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How an environment override is applied to a base document: JSON Merge Patch (RFC 7386)
 * — objects merge key by key, {@code null} removes a key, scalars replace — with one
 * extension that task definitions need: when both the base and the patch are arrays whose
 * elements are all objects with a {@code name}, elements merge by name (a patch element
 * with a new name is appended). So an override can change one container's image or one
 * environment variable without repeating the whole list. Any other array is replaced.
 */
public final class JsonMerge {
    private JsonMerge() {}

    /** A new document: {@code base} with {@code patch} applied. Neither argument is modified. */
    public static JsonNode merge(JsonNode base, JsonNode patch) {
        if (patch == null || patch.isMissingNode()) return base == null ? null : base.deepCopy();
        if (patch.isObject()) {
            ObjectNode result = base != null && base.isObject()
                    ? (ObjectNode) base.deepCopy() : JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : patch.properties()) {
                if (e.getValue().isNull()) {
                    result.remove(e.getKey());
                } else {
                    result.set(e.getKey(), merge(result.get(e.getKey()), e.getValue()));
                }
            }
            return result;
        }
        if (patch.isArray() && base != null && base.isArray() && namedObjects(base) && namedObjects(patch)) {
            Map<String, JsonNode> byName = new LinkedHashMap<>();
            for (JsonNode element : base) byName.put(element.get("name").asString(), element);
            for (JsonNode element : patch) {
                String name = element.get("name").asString();
                byName.put(name, merge(byName.get(name), element));
            }
            ArrayNode result = JsonNodeFactory.instance.arrayNode();
            byName.values().forEach(v -> result.add(v.deepCopy()));
            return result;
        }
        return patch.deepCopy();
    }

    private static boolean namedObjects(JsonNode array) {
        if (array.isEmpty()) return false;
        for (JsonNode element : array) {
            if (!element.isObject() || !element.has("name") || !element.get("name").isString()) return false;
        }
        return true;
    }
}
