package io.turnout.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Field-level differences between two JSON documents, meant for documents the
 * {@link Normalizer} has already brought to canonical form.
 *
 * <p>Objects are compared key by key (keys in alphabetical order, so output does not depend
 * on how a spec was written). Arrays whose elements are all objects with a unique key field
 * — {@code name} (containerDefinitions, environment, secrets, volumes …), {@code PolicyName}
 * (scaling policies), {@code containerPort} (portMappings), {@code containerPath}
 * (mountPoints), {@code namespace} (systemControls), {@code sourceContainer} (volumesFrom) —
 * are compared element by element by that key, so inserting a container or a variable shows
 * as one added element, not as every later element changed. Any other array that differs is
 * one change of the whole array. Numbers compare by value: {@code 60} equals {@code 60.0}.
 */
public final class Differ {
    /** Key fields tried in this order; the first one that every element has (uniquely) wins. */
    private static final List<String> KEY_FIELDS =
            List.of("name", "PolicyName", "containerPort", "containerPath", "namespace", "sourceContainer");

    private Differ() {}

    /** The changes from {@code before} (live) to {@code after} (desired), paths starting with {@code root}. */
    public static List<Change> diff(String root, JsonNode before, JsonNode after) {
        List<Change> changes = new ArrayList<>();
        compare(root, orMissing(before), orMissing(after), changes);
        return List.copyOf(changes);
    }

    /** Whether two values are equal the way this differ sees it (numbers by value). */
    public static boolean same(JsonNode a, JsonNode b) {
        return diff("", a, b).isEmpty();
    }

    private static void compare(String path, JsonNode before, JsonNode after, List<Change> out) {
        if (before.isMissingNode() && after.isMissingNode()) return;
        if (before.isObject() && after.isObject()) {
            TreeSet<String> keys = new TreeSet<>(before.propertyNames());
            keys.addAll(after.propertyNames());
            for (String key : keys) {
                compare(join(path, key), orMissing(before.get(key)), orMissing(after.get(key)), out);
            }
            return;
        }
        if (before.isArray() && after.isArray()) {
            String keyField = keyField(before, after);
            if (keyField != null) {
                compareKeyed(path, keyField, before, after, out);
                return;
            }
        }
        if (!scalarEqual(before, after)) out.add(Change.of(path, before, after));
    }

    private static void compareKeyed(String path, String keyField, JsonNode before, JsonNode after,
                                     List<Change> out) {
        Map<String, JsonNode> beforeByKey = byKey(before, keyField);
        Map<String, JsonNode> afterByKey = byKey(after, keyField);
        // desired order first, then what only live has: the order a reader of the spec expects
        LinkedHashMap<String, JsonNode[]> pairs = new LinkedHashMap<>();
        afterByKey.forEach((k, v) -> pairs.put(k, new JsonNode[] {beforeByKey.get(k), v}));
        beforeByKey.forEach((k, v) -> pairs.putIfAbsent(k, new JsonNode[] {v, null}));
        pairs.forEach((key, pair) ->
                compare(path + "[" + key + "]", orMissing(pair[0]), orMissing(pair[1]), out));
    }

    private static String keyField(JsonNode before, JsonNode after) {
        if (before.isEmpty() && after.isEmpty()) return null;
        for (String field : KEY_FIELDS) {
            if (uniquelyKeyed(before, field) && uniquelyKeyed(after, field)) return field;
        }
        return null;
    }

    private static boolean uniquelyKeyed(JsonNode array, String field) {
        TreeSet<String> seen = new TreeSet<>();
        for (JsonNode element : array) {
            if (!element.isObject()) return false;
            JsonNode key = element.get(field);
            if (key == null || !(key.isString() || key.isNumber())) return false;
            if (!seen.add(keyText(key))) return false;
        }
        return true;
    }

    private static Map<String, JsonNode> byKey(JsonNode array, String field) {
        Map<String, JsonNode> result = new LinkedHashMap<>();
        for (JsonNode element : array) result.put(keyText(element.get(field)), element);
        return result;
    }

    private static String keyText(JsonNode key) {
        return key.isNumber() ? key.decimalValue().stripTrailingZeros().toPlainString() : key.asString();
    }

    private static boolean scalarEqual(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
        if (a.isContainer() && b.isContainer() && a.getNodeType() == b.getNodeType() && a.size() == b.size()) {
            if (a.isArray()) {
                for (int i = 0; i < a.size(); i++) if (!same(a.get(i), b.get(i))) return false;
                return true;
            }
            return diff("", a, b).isEmpty();
        }
        return a.equals(b);
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "/" + key;
    }

    private static JsonNode orMissing(JsonNode node) {
        return node == null || node.isNull() ? MissingNode.getInstance() : node;
    }
}
