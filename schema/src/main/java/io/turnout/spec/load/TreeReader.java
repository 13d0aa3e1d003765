package io.turnout.spec.load;

import io.turnout.spec.SourceLocation;
import io.turnout.spec.SpecProblem;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import tools.jackson.core.JacksonException;
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
    /** Beyond a double's range (about 1.8e308) no spec field takes a number. */
    private static final int MAX_DIGITS = 309;
    private static final BigDecimal LONG_RANGE = BigDecimal.valueOf(Long.MAX_VALUE);

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
            case VALUE_NUMBER_FLOAT -> decimal(pointer, start);
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

    /**
     * A number written with a fraction or an exponent. JSON Schema counts {@code 2.0} and
     * {@code 1e30} as integers, and networknt's integer bounds then call {@code asLong()}, which
     * Jackson 3 refuses beyond 64 bits: so a whole number becomes an integer node here (its
     * bounds are then checked like any integer's), and what no spec field can take — infinity,
     * not-a-number, hundreds of digits, a fraction beyond 64 bits — is a problem of its own.
     */
    private JsonNode decimal(String pointer, TokenStreamLocation start) {
        BigDecimal value;
        try {
            value = parser.getDecimalValue();
        } catch (NumberFormatException | JacksonException e) {
            // YAML's .inf, -.inf and .nan
            return notANumber(pointer, start, "'" + parser.getString() + "' is not a finite number",
                    "write a number, or quote the value to make it a string");
        }
        if (value.signum() != 0 && value.precision() - value.scale() > MAX_DIGITS) {
            return notANumber(pointer, start, "the number " + shortened(value) + " has more than " + MAX_DIGITS + " digits",
                    "no field of the spec format takes a number this large: write a smaller value");
        }
        BigDecimal whole = value.stripTrailingZeros();
        if (whole.scale() <= 0) {
            BigInteger integer = whole.toBigIntegerExact();
            if (integer.bitLength() < 32) return NODES.numberNode(integer.intValue());
            if (integer.bitLength() < 64) return NODES.numberNode(integer.longValue());
            return NODES.numberNode(integer);
        }
        if (value.abs().compareTo(LONG_RANGE) >= 0) {
            return notANumber(pointer, start, "the number " + shortened(value) + " has a fraction and more than 18 digits before it",
                    "no field of the spec format takes such a number: write a whole number or a smaller one");
        }
        return NODES.numberNode(value);
    }

    private JsonNode notANumber(String pointer, TokenStreamLocation start, String message, String fix) {
        problems.add(new SpecProblem(location(start), pointer, message, fix));
        return NODES.nullNode();
    }

    private static String shortened(BigDecimal value) {
        String text = value.toString();
        return text.length() <= 40 ? text : text.substring(0, 20) + "…" + text.substring(text.length() - 10);
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
