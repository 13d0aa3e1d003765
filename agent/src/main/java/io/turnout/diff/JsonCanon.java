package io.turnout.diff;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The representation-independent core of normalisation: the same value must give the same
 * tree whether it came from YAML, JSON or an AWS answer.
 */
public final class JsonCanon {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonCanon() {}

    /**
     * A copy of {@code node} with object keys sorted, {@code null} values and empty lists and
     * objects removed (AWS omits most empty lists it does not default, while spec authors write
     * {@code []} for "none": both mean the same), and integral numbers as integers
     * ({@code 60.0} from an AWS answer and {@code 60} from YAML are the same number).
     * A missing or null argument gives an empty object.
     */
    public static ObjectNode canonical(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return NODES.objectNode();
        JsonNode result = canon(node);
        return result != null && result.isObject() ? (ObjectNode) result : NODES.objectNode();
    }

    /** Like {@link #canonical(JsonNode)} for any value; null when the value is absent or empty. */
    public static JsonNode canon(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return null;
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                JsonNode value = canon(e.getValue());
                if (value != null) sorted.put(e.getKey(), value);
            }
            if (sorted.isEmpty()) return null;
            ObjectNode out = NODES.objectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (JsonNode element : node) {
                JsonNode value = canon(element);
                out.add(value == null ? NODES.objectNode() : value);
            }
            return out.isEmpty() ? null : out;
        }
        if (node.isNumber()) return number(node);
        return node.deepCopy();
    }

    /** A copy with every object's keys in alphabetical order; nothing else changes. */
    public static <T extends JsonNode> T sortKeys(T node) {
        @SuppressWarnings("unchecked")
        T result = (T) sorted(node);
        return result;
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> byKey = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) byKey.put(e.getKey(), sorted(e.getValue()));
            ObjectNode out = NODES.objectNode();
            byKey.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (JsonNode element : node) out.add(sorted(element));
            return out;
        }
        return node.deepCopy();
    }

    private static JsonNode number(JsonNode n) {
        BigDecimal value = n.decimalValue().stripTrailingZeros();
        if (value.scale() <= 0) {
            try {
                return NODES.numberNode(value.intValueExact());
            } catch (ArithmeticException tooBig) {
                try {
                    return NODES.numberNode(value.longValueExact());
                } catch (ArithmeticException stillTooBig) {
                    return NODES.numberNode(value);
                }
            }
        }
        return NODES.numberNode(n.doubleValue());
    }
}
