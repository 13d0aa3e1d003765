package io.turnout.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads a CloudFormation YAML template into maps, lists and scalars, turning the short-form
 * intrinsic tags into their long form, as CloudFormation does: {@code !Ref X} becomes
 * {@code {Ref: X}}, {@code !GetAtt R.A} becomes {@code {Fn::GetAtt: [R, A]}}, {@code !Condition C}
 * becomes {@code {Condition: C}}, and every other {@code !Name v} becomes {@code {Fn::Name: v}}.
 *
 * <p>A plain YAML loader refuses the tags (they name no Java type); SnakeYAML Engine's
 * composer keeps them on the node tree, which is converted here.
 */
final class CfnYaml {
    /** The short forms CloudFormation defines; anything else with a {@code !} is a typo. */
    static final Set<String> FUNCTIONS = Set.of("Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue",
            "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or", "Contains",
            "EachMemberEquals", "EachMemberIn", "RefAll", "ValueOf", "ValueOfAll", "ToJsonString", "Length");

    private CfnYaml() {}

    /** The template as {@code Map<String, Object>}; integers, booleans and nulls as YAML 1.2 resolves them. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String yaml) {
        Node root = new Compose(LoadSettings.builder().setLabel("template").build()).composeString(yaml)
                .orElseThrow(() -> new IllegalArgumentException("empty template"));
        Object value = convert(root);
        if (!(value instanceof Map<?, ?>)) throw new IllegalArgumentException("a template is a mapping, got " + value);
        return (Map<String, Object>) value;
    }

    private static Object convert(Node node) {
        String tag = node.getTag().getValue();
        if (tag.startsWith("!")) return intrinsic(tag.substring(1), node);
        return switch (node) {
            case ScalarNode s -> scalar(s);
            case SequenceNode s -> {
                List<Object> list = new ArrayList<>();
                for (Node item : s.getValue()) list.add(convert(item));
                yield list;
            }
            case MappingNode m -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (NodeTuple t : m.getValue()) {
                    String key = String.valueOf(convert(t.getKeyNode()));
                    if (map.containsKey(key)) {
                        throw new IllegalArgumentException("duplicate key '" + key + "' at " + t.getKeyNode().getStartMark()
                                .map(Object::toString).orElse("?"));
                    }
                    map.put(key, convert(t.getValueNode()));
                }
                yield map;
            }
            default -> throw new IllegalArgumentException("unexpected YAML node " + node);
        };
    }

    private static Object intrinsic(String name, Node node) {
        return switch (name) {
            case "Ref" -> Map.of("Ref", scalarText(node, "!Ref"));
            case "Condition" -> Map.of("Condition", scalarText(node, "!Condition"));
            case "GetAtt" -> {
                // !GetAtt Resource.Attribute (the attribute may itself contain dots) or [Resource, Attribute]
                if (node instanceof ScalarNode s) {
                    int dot = s.getValue().indexOf('.');
                    if (dot < 1) throw new IllegalArgumentException("!GetAtt " + s.getValue() + ": expected Resource.Attribute");
                    yield Map.of("Fn::GetAtt", List.of(s.getValue().substring(0, dot), s.getValue().substring(dot + 1)));
                }
                yield Map.of("Fn::GetAtt", convertUntagged(node));
            }
            default -> {
                if (!FUNCTIONS.contains(name)) {
                    throw new IllegalArgumentException("unknown CloudFormation tag !" + name + " at "
                            + node.getStartMark().map(Object::toString).orElse("?"));
                }
                yield Map.of("Fn::" + name, convertUntagged(node));
            }
        };
    }

    /** The node's content without its own tag (which was just turned into the function). */
    private static Object convertUntagged(Node node) {
        return switch (node) {
            case ScalarNode s -> s.getValue();
            default -> {
                Tag own = node.getTag();
                node.setTag(node instanceof SequenceNode ? Tag.SEQ : Tag.MAP);
                try {
                    yield convert(node);
                } finally {
                    node.setTag(own);
                }
            }
        };
    }

    private static String scalarText(Node node, String function) {
        if (node instanceof ScalarNode s) return s.getValue();
        throw new IllegalArgumentException(function + " takes a name, got " + node.getNodeType());
    }

    private static Object scalar(ScalarNode s) {
        Tag tag = s.getTag();
        String v = s.getValue();
        if (tag.equals(Tag.NULL)) return null;
        if (tag.equals(Tag.BOOL)) return Boolean.parseBoolean(v.toLowerCase(java.util.Locale.ROOT));
        if (tag.equals(Tag.INT)) {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                return v; // 0x…, 0o…: keep the text
            }
        }
        if (tag.equals(Tag.FLOAT)) return Double.parseDouble(v);
        return v;
    }
}
