package io.turnout.cloud.aws;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts any SDK model object to the JSON AWS documents for it, and JSON back onto any SDK
 * builder, generically, by walking the model's {@link SdkField}s.
 *
 * <p>Member names are the fields' {@code locationName}: the wire name of the service's JSON
 * protocol. For ECS that is camelCase ({@code containerDefinitions}), exactly what
 * {@code aws ecs register-task-definition --cli-input-json} takes and DescribeTaskDefinition
 * returns; for Application Auto Scaling it is PascalCase ({@code TargetValue}), as the
 * PutScalingPolicy documentation writes it. One converter therefore serves task definitions,
 * service settings and scaling policy configurations.
 *
 * <p>Conventions:
 * <ul>
 *   <li>unset members are omitted; the SDK's "auto-construct" empty lists and maps (its marker
 *       for "never set") are omitted too, while a list AWS returned empty stays {@code []};</li>
 *   <li>enums are their wire strings (the SDK keeps the raw string, so values newer than this
 *       SDK survive a round trip);</li>
 *   <li>timestamps are written as ISO-8601 text ({@code 2025-01-01T12:00:00Z}, as the AWS CLI
 *       shows them) and read from ISO text or epoch seconds (the JSON wire format);</li>
 *   <li>blobs are base64 text;</li>
 *   <li>a string member accepts a JSON number or boolean too ({@code cpu: 256} in YAML means
 *       {@code "256"}), every other mismatch is an error.</li>
 * </ul>
 * Errors are {@link IllegalArgumentException}s naming the JSON path, the member and, for
 * unknown names, the names the model knows.
 */
public final class SdkJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SdkJson() {}

    /** The JSON of an SDK model object (a response or request model, not a builder). */
    public static ObjectNode toJson(SdkPojo pojo) {
        ObjectNode out = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value == null || isNeverSet(value)) continue;
            out.set(field.locationName(), valueToJson(field, value));
        }
        return out;
    }

    /**
     * Sets every member of {@code json} on {@code builder} (a model builder, e.g.
     * {@code RegisterTaskDefinitionRequest.builder()}). Members absent from {@code json} are
     * left as they are; JSON nulls are ignored.
     *
     * @param what how to name the JSON in errors, e.g. {@code RegisterTaskDefinition request}
     * @throws IllegalArgumentException for a member the model does not have or a value of the wrong type
     */
    public static void apply(JsonNode json, SdkPojo builder, String what) {
        applyObject(json, builder, what);
    }

    /** Builds an SDK model object from {@code json} with a fresh {@code builder}. */
    public static <T> T fromJson(JsonNode json, SdkBuilder<?, T> builder, String what) {
        if (!(builder instanceof SdkPojo pojo)) {
            throw new IllegalArgumentException(builder.getClass().getName() + " is not an SDK model builder");
        }
        applyObject(json, pojo, what);
        return builder.build();
    }

    /** The JSON member names a model (or its builder) accepts, in model order. */
    public static List<String> memberNames(SdkPojo pojo) {
        return pojo.sdkFields().stream().map(SdkField::locationName).toList();
    }

    private static boolean isNeverSet(Object value) {
        return value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>;
    }

    // ---- SDK -> JSON ----

    private static JsonNode valueToJson(SdkField<?> field, Object value) {
        MarshallingKnownType type = field.marshallingType().getKnownType();
        return switch (type) {
            case STRING -> NODES.stringNode(value.toString());
            case INTEGER -> NODES.numberNode((Integer) value);
            case LONG -> NODES.numberNode((Long) value);
            case SHORT -> NODES.numberNode((Short) value);
            case BYTE -> NODES.numberNode((Byte) value);
            case FLOAT -> NODES.numberNode((Float) value);
            case DOUBLE -> NODES.numberNode((Double) value);
            case BIG_DECIMAL -> NODES.numberNode((BigDecimal) value);
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case INSTANT -> NODES.stringNode(value.toString());
            case SDK_BYTES -> NODES.stringNode(Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArray()));
            case SDK_POJO -> toJson((SdkPojo) value);
            case DOCUMENT -> documentToJson((Document) value);
            case LIST -> {
                SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
                ArrayNode array = NODES.arrayNode();
                for (Object item : (List<?>) value) {
                    array.add(item == null ? NODES.nullNode() : valueToJson(member, item));
                }
                yield array;
            }
            case MAP -> {
                SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
                ObjectNode object = NODES.objectNode();
                ((Map<?, ?>) value).forEach((k, v) ->
                        object.set(k.toString(), v == null ? NODES.nullNode() : valueToJson(member, v)));
                yield object;
            }
            case NULL -> NODES.nullNode();
        };
    }

    private static JsonNode documentToJson(Document doc) {
        if (doc == null || doc.isNull()) return NODES.nullNode();
        if (doc.isString()) return NODES.stringNode(doc.asString());
        if (doc.isBoolean()) return NODES.booleanNode(doc.asBoolean());
        if (doc.isNumber()) return NODES.numberNode(doc.asNumber().bigDecimalValue());
        if (doc.isList()) {
            ArrayNode array = NODES.arrayNode();
            doc.asList().forEach(d -> array.add(documentToJson(d)));
            return array;
        }
        ObjectNode object = NODES.objectNode();
        doc.asMap().forEach((k, v) -> object.set(k, documentToJson(v)));
        return object;
    }

    // ---- JSON -> SDK ----

    private static void applyObject(JsonNode json, SdkPojo builder, String path) {
        if (!json.isObject()) {
            throw new IllegalArgumentException(path + ": expected an object, got " + describe(json));
        }
        Map<String, SdkField<?>> byName = new LinkedHashMap<>();
        for (SdkField<?> field : builder.sdkFields()) byName.put(field.locationName(), field);
        for (Map.Entry<String, JsonNode> member : json.properties()) {
            String name = member.getKey();
            SdkField<?> field = byName.get(name);
            if (field == null) throw unknownMember(path, name, byName.keySet(), builder);
            if (member.getValue().isNull()) continue;
            field.set(builder, jsonToValue(field, member.getValue(), path + "." + name));
        }
    }

    private static IllegalArgumentException unknownMember(String path, String name, Set<String> known, SdkPojo builder) {
        // Model builders are nested classes (RegisterTaskDefinitionRequest.BuilderImpl): name the model.
        Class<?> enclosing = builder.getClass().getEnclosingClass();
        String model = (enclosing != null ? enclosing : builder.getClass()).getSimpleName();
        String hint = known.stream().filter(k -> k.equalsIgnoreCase(name)).findFirst()
                .map(k -> " Did you mean '" + k + "'? Member names are case-sensitive.")
                .orElse(" Known members: " + String.join(", ", new TreeSet<>(known)) + ".");
        return new IllegalArgumentException(path + ": unknown member '" + name + "' (AWS model " + model + ")." + hint);
    }

    private static Object jsonToValue(SdkField<?> field, JsonNode json, String path) {
        MarshallingKnownType type = field.marshallingType().getKnownType();
        return switch (type) {
            case STRING -> {
                // YAML authors write cpu: 256; AWS's member is a string, and "256" is what they mean.
                if (json.isString()) yield json.stringValue();
                if (json.isNumber() || json.isBoolean()) yield json.asString();
                throw mismatch(path, "a string", json);
            }
            case INTEGER -> integral(json, path, Integer.MIN_VALUE, Integer.MAX_VALUE).intValue();
            case LONG -> integral(json, path, Long.MIN_VALUE, Long.MAX_VALUE);
            case SHORT -> integral(json, path, Short.MIN_VALUE, Short.MAX_VALUE).shortValue();
            case BYTE -> integral(json, path, Byte.MIN_VALUE, Byte.MAX_VALUE).byteValue();
            case FLOAT -> number(json, path).floatValue();
            case DOUBLE -> number(json, path).doubleValue();
            case BIG_DECIMAL -> number(json, path);
            case BOOLEAN -> {
                if (!json.isBoolean()) throw mismatch(path, "true or false", json);
                yield json.booleanValue();
            }
            case INSTANT -> instant(json, path);
            case SDK_BYTES -> {
                if (!json.isString()) throw mismatch(path, "base64 text", json);
                try {
                    yield SdkBytes.fromByteArray(Base64.getDecoder().decode(json.stringValue()));
                } catch (IllegalArgumentException e) {
                    throw mismatch(path, "base64 text", json);
                }
            }
            case SDK_POJO -> {
                SdkPojo nested = field.constructor().get();
                applyObject(json, nested, path);
                yield ((SdkBuilder<?, ?>) nested).build();
            }
            case DOCUMENT -> jsonToDocument(json);
            case LIST -> {
                if (!json.isArray()) throw mismatch(path, "a list", json);
                SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
                List<Object> items = new ArrayList<>();
                int i = 0;
                for (JsonNode item : json.values()) {
                    items.add(jsonToValue(member, item, path + "[" + i++ + "]"));
                }
                yield items;
            }
            case MAP -> {
                if (!json.isObject()) throw mismatch(path, "an object (map)", json);
                SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> e : json.properties()) {
                    map.put(e.getKey(), jsonToValue(member, e.getValue(), path + "." + e.getKey()));
                }
                yield map;
            }
            case NULL -> null;
        };
    }

    private static Long integral(JsonNode json, String path, long min, long max) {
        if (!json.isIntegralNumber()) throw mismatch(path, "a whole number", json);
        long v = json.longValue();
        if (v < min || v > max) throw mismatch(path, "a whole number in " + min + ".." + max, json);
        return v;
    }

    private static BigDecimal number(JsonNode json, String path) {
        if (!json.isNumber()) throw mismatch(path, "a number", json);
        return json.decimalValue();
    }

    private static Instant instant(JsonNode json, String path) {
        if (json.isNumber()) {
            // The JSON wire format: epoch seconds with a fraction.
            BigDecimal seconds = json.decimalValue();
            long whole = seconds.longValue();
            int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
            return Instant.ofEpochSecond(whole, nanos);
        }
        if (json.isString()) {
            try {
                return Instant.parse(json.stringValue());
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(json.stringValue()).toInstant();
                } catch (DateTimeParseException e2) {
                    throw mismatch(path, "an ISO-8601 timestamp or epoch seconds", json);
                }
            }
        }
        throw mismatch(path, "an ISO-8601 timestamp or epoch seconds", json);
    }

    private static Document jsonToDocument(JsonNode json) {
        if (json.isNull()) return Document.fromNull();
        if (json.isString()) return Document.fromString(json.stringValue());
        if (json.isBoolean()) return Document.fromBoolean(json.booleanValue());
        if (json.isNumber()) return Document.fromNumber(SdkNumber.fromBigDecimal(json.decimalValue()));
        if (json.isArray()) {
            return Document.fromList(json.values().stream().map(SdkJson::jsonToDocument).toList());
        }
        Map<String, Document> map = new LinkedHashMap<>();
        json.properties().forEach(e -> map.put(e.getKey(), jsonToDocument(e.getValue())));
        return Document.fromMap(map);
    }

    private static IllegalArgumentException mismatch(String path, String expected, JsonNode got) {
        return new IllegalArgumentException(path + ": expected " + expected + ", got " + describe(got));
    }

    private static String describe(JsonNode json) {
        String text = json.toString();
        if (text.length() > 60) text = text.substring(0, 57) + "...";
        return json.getNodeType().name().toLowerCase(Locale.ROOT) + " " + text;
    }

    /** The keys of {@code json} that {@code builder}'s model does not have (for filtering, not validation). */
    static Set<String> unknownMembers(JsonNode json, SdkPojo builder) {
        Set<String> known = builder.sdkFields().stream().map(SdkField::locationName).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>();
        for (String name : json.propertyNames()) if (!known.contains(name)) unknown.add(name);
        return unknown;
    }
}
