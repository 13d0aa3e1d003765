package io.turnout.spec.load;

import io.turnout.spec.SourceLocation;
import io.turnout.spec.SpecProblem;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a {@link JsonNode} tree from a token stream while recording each node's position by
 * JSON pointer. Counting nodes here (after alias expansion) is what bounds alias bombs; depth
 * is checked here too so that the limit message is ours, not the parser's.
 */
final class TreeReader {
    /** A limit was hit; reading stops at once. */
    static final class LimitExceeded extends RuntimeException {
        private final transient SourceLocation location;
        private final String fix;

        LimitExceeded(SourceLocation location, String message, String fix) {
            super(message, null, false, false);
            this.location = location;
            this.fix = fix;
        }

        SourceLocation location() {
            return location;
        }

        String fix() {
            return fix;
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonParser parser;
    private final SourcePositions positions;
    private final List<SpecProblem> problems;
    private final SpecLimits limits;
    private int nodes;

    TreeReader(JsonParser parser, SourcePositions positions, List<SpecProblem> problems, SpecLimits limits) {
        this.parser = parser;
        this.positions = positions;
        this.problems = problems;
        this.limits = limits;
    }

    JsonNode read(JsonToken first) {
        return value(first, "", 0);
    }

    private JsonNode value(JsonToken token, String pointer, int depth) {
        TokenStreamLocation start = parser.currentTokenLocation();
        count(start);
        boolean container = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY;
        positions.value(pointer, start.getLineNr(), start.getColumnNr(), container);
        if (container && depth >= limits.maxNestingDepth()) {
            throw new LimitExceeded(location(start), "the document nests deeper than " + limits.maxNestingDepth() + " levels",
                    "flatten the document; Turnout specs need far fewer levels");
        }
        return switch (token) {
            case START_OBJECT -> object(pointer, depth);
            case START_ARRAY -> array(pointer, depth);
            case VALUE_STRING -> NODES.stringNode(parser.getString());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> {
                problems.add(new SpecProblem(location(start), pointer,
                        "unsupported value (" + token + "): YAML tags such as !!binary or !Ref are not part of the spec format",
                        "write a plain string, number, boolean, list or mapping"));
                parser.skipChildren();
                yield NODES.nullNode();
            }
        };
    }

    private ObjectNode object(String pointer, int depth) {
        ObjectNode node = NODES.objectNode();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            TokenStreamLocation keyAt = parser.currentTokenLocation();
            String child = pointer + "/" + escape(name);
            JsonToken valueToken = parser.nextToken();
            if (node.has(name)) {
                SourceLocation first = positions.locateKey(child);
                problems.add(new SpecProblem(location(keyAt), child,
                        "duplicate key '" + name + "' (first written at line " + first.line() + ")",
                        "keep one '" + name + "': YAML and JSON parsers disagree on which duplicate wins"));
                value(valueToken, pointer + "/" + escape(name) + "~duplicate", depth + 1);
                continue;
            }
            positions.key(child, keyAt.getLineNr(), keyAt.getColumnNr());
            node.set(name, value(valueToken, child, depth + 1));
        }
        if (token != JsonToken.END_OBJECT) {
            throw new LimitExceeded(location(parser.currentTokenLocation()), "unexpected end of the document inside a mapping",
                    "close the mapping");
        }
        return node;
    }

    private ArrayNode array(String pointer, int depth) {
        ArrayNode node = NODES.arrayNode();
        JsonToken token;
        int index = 0;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new LimitExceeded(location(parser.currentTokenLocation()), "unexpected end of the document inside a list",
                        "close the list");
            }
            node.add(value(token, pointer + "/" + index++, depth + 1));
        }
        return node;
    }

    private void count(TokenStreamLocation at) {
        if (++nodes > limits.maxNodesPerFile()) {
            throw new LimitExceeded(location(at), "the document has more than " + limits.maxNodesPerFile()
                    + " values (after expanding YAML aliases)",
                    "a spec this large is a mistake or an alias bomb: remove aliases that repeat large blocks, or split the file");
        }
    }

    private SourceLocation location(TokenStreamLocation at) {
        return SpecFileParser.at(positions.file(), at);
    }

    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
