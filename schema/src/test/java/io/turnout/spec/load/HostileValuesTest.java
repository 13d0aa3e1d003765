package io.turnout.spec.load;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.turnout.spec.SpecProblem;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every value of a valid repository, replaced in turn by each of a set of hostile values (huge
 * and odd numbers, wrong types, NUL and escape sequences, deep nesting, long text, absurd
 * durations), loads into problems with a position and no internal error: no input reaches a
 * crash of the loader (issue 11, item 2).
 */
class HostileValuesTest {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final YAMLMapper YAML = YAMLMapper.builder().build();
    static final JsonMapper JSON = JsonMapper.builder().build();

    static List<Supplier<JsonNode>> hostile() {
        List<Supplier<JsonNode>> values = new ArrayList<>();
        values.add(() -> NODES.numberNode(new BigInteger("2147483648")));
        values.add(() -> NODES.numberNode(new BigInteger("-99999999999999999999999")));
        values.add(() -> NODES.numberNode(new BigDecimal("1E+30")));
        values.add(() -> NODES.numberNode(new BigDecimal("12345678901234567890.5")));
        values.add(() -> NODES.numberNode(-1));
        values.add(() -> NODES.stringNode(""));
        values.add(() -> NODES.stringNode("a\u0000b\u001b[31mred\r\u202Eevil"));
        values.add(() -> NODES.stringNode("x".repeat(20_000)));
        values.add(() -> NODES.stringNode("99999999999999999999999h"));
        values.add(() -> NODES.stringNode("0s"));
        values.add(NODES::nullNode);
        values.add(() -> NODES.booleanNode(true));
        values.add(NODES::objectNode);
        values.add(NODES::arrayNode);
        values.add(() -> {
            ObjectNode deep = NODES.objectNode();
            ObjectNode at = deep;
            for (int i = 0; i < 60; i++) at = at.putObject("k\u0007" + i);
            return deep;
        });
        return values;
    }

    @Test
    void noValueAnywhereReachesAnInternalError() {
        MemorySpecFiles base = Workers.fargate();
        List<String> failures = new ArrayList<>();
        int loads = 0;
        for (String path : base.list()) {
            boolean json = path.endsWith(".json");
            JsonNode doc = (json ? JSON : YAML).readTree(base.read(path));
            for (String pointer : pointers(doc, "")) {
                for (Supplier<JsonNode> value : hostile()) {
                    JsonNode changed = replaced(doc, pointer, value.get());
                    String text = json ? JSON.writeValueAsString(changed) : YAML.writeValueAsString(changed);
                    MemorySpecFiles files = Workers.fargate().withBytes(path, text.getBytes(StandardCharsets.UTF_8));
                    LoadResult result;
                    try {
                        result = new SpecLoader().load(files);
                    } catch (RuntimeException e) {
                        throw new AssertionError(path + " " + pointer + " = " + value.get() + ": the loader threw", e);
                    }
                    loads++;
                    for (SpecProblem p : result.problems()) {
                        String where = path + " " + pointer + " = " + shortly(value.get()) + ": " + p.describe();
                        if (p.message().contains("internal error") || (p.location().line() <= 0 && p.location().file().isEmpty())
                                || p.describe().chars().anyMatch(c -> c < 0x20)) {
                            failures.add(where);
                        }
                    }
                }
            }
        }
        if (!failures.isEmpty()) fail(failures.size() + " bad problems, e.g.\n" + String.join("\n", failures.stream().limit(15).toList()));
        assertTrue(loads > 1000, "only " + loads + " loads");
    }

    /** Every pointer of {@code node}: objects' members and arrays' items, the containers included. */
    static List<String> pointers(JsonNode node, String at) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            for (var e : node.properties()) {
                String child = at + "/" + TreeReader.escape(e.getKey());
                out.add(child);
                out.addAll(pointers(e.getValue(), child));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(at + "/" + i);
                out.addAll(pointers(node.get(i), at + "/" + i));
            }
        }
        return out;
    }

    static JsonNode replaced(JsonNode doc, String pointer, JsonNode value) {
        JsonNode copy = doc.deepCopy();
        String parent = pointer.substring(0, pointer.lastIndexOf('/'));
        String last = pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
        JsonNode container = copy.at(parent);
        if (container instanceof ObjectNode o) o.set(last, value);
        else if (container instanceof ArrayNode a) a.set(Integer.parseInt(last), value);
        return copy;
    }

    static String shortly(JsonNode value) {
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
