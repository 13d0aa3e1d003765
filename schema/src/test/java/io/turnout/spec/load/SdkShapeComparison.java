package io.turnout.spec.load;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import tools.jackson.databind.JsonNode;

/**
 * Compares a JSON Schema with an AWS SDK request model, recursively, the way AWS's own API model
 * defines the request: every member the SDK has must be a property of the schema (unless it is
 * one of the exceptions, which the schema must then leave out), the schema may have no property
 * the SDK lacks, types must match (an SDK Integer is a 32-bit integer, so the schema must bound
 * it within 32 bits), and enums must list exactly the SDK enum's known values.
 *
 * <p>Member names are the SDK fields' {@code locationName}s (the JSON wire names); enum classes
 * are found the way the SDK exposes them: a member {@code x} with an enum type has a getter
 * {@code x()} returning the enum (or a list of it) next to {@code xAsString()}.
 *
 * @param documents the schema documents by {@code $id}, so that a test can pass altered copies
 */
record SdkShapeComparison(Map<String, JsonNode> documents) {
    static final long INT_MIN = Integer.MIN_VALUE;
    static final long INT_MAX = Integer.MAX_VALUE;

    /** Every difference between {@code model} (a request builder) and the schema at {@code location}. */
    List<String> compare(SdkPojo builder, Class<?> model, String location, Map<String, String> exceptions) {
        List<String> differences = new ArrayList<>();
        pojo(builder, model, expand(List.of(location.contains("#") ? location : location + "#")), "", exceptions, differences);
        return differences;
    }

    private void pojo(SdkPojo builder, Class<?> model, List<String> shape, String path, Map<String, String> exceptions, List<String> out) {
        if (!"object".equals(keyword(shape, "type").map(JsonNode::asString).orElse(""))) {
            out.add(where(path) + ": the schema is not an object (AWS: structure " + model.getSimpleName() + ")");
            return;
        }
        if (keyword(shape, "additionalProperties").map(a -> !a.isBoolean() || a.asBoolean()).orElse(true)) {
            out.add(where(path) + ": the schema accepts fields AWS's " + model.getSimpleName() + " does not have (set additionalProperties: false)");
        }
        Set<String> sdk = new LinkedHashSet<>();
        for (SdkField<?> field : builder.sdkFields()) {
            String name = field.locationName();
            sdk.add(name);
            String member = path + "/" + name;
            List<String> property = property(shape, name);
            if (path.isEmpty() && exceptions.containsKey(name)) {
                if (!property.isEmpty()) out.add(member + ": listed as set by Turnout, yet the schema accepts it");
                continue;
            }
            if (property.isEmpty()) {
                out.add(member + ": AWS's " + model.getSimpleName() + " has this member, the schema lacks it");
                continue;
            }
            value(field, enumOf(model, field), property, member, out);
        }
        for (String name : propertyNames(shape)) {
            if (!sdk.contains(name)) out.add(path + "/" + name + ": the schema accepts a field AWS's " + model.getSimpleName() + " does not have");
        }
        for (String name : exceptions.keySet()) {
            if (path.isEmpty() && !sdk.contains(name)) out.add("/" + name + ": listed as set by Turnout, but AWS's " + model.getSimpleName() + " has no such member");
        }
    }

    private void value(SdkField<?> field, Optional<Class<?>> enumClass, List<String> shape, String path, List<String> out) {
        MarshallingKnownType type = field.marshallingType().getKnownType();
        switch (type) {
            case STRING -> {
                expectType(shape, "string", path, out);
                Optional<Set<String>> schemaEnum = keyword(shape, "enum").map(SdkShapeComparison::strings);
                Optional<Set<String>> sdkEnum = enumClass.map(SdkShapeComparison::knownValues);
                if (!schemaEnum.equals(sdkEnum)) {
                    out.add(path + ": enum differs: AWS " + sdkEnum.map(Object::toString).orElse("(none)")
                            + ", schema " + schemaEnum.map(Object::toString).orElse("(none)"));
                }
            }
            case INTEGER -> {
                expectType(shape, "integer", path, out);
                // an SDK Integer is 32 bits: a larger number would pass validate and fail in the SDK
                long min = keyword(shape, "minimum").map(JsonNode::decimalValue).map(BigDecimal::longValue).orElse(Long.MIN_VALUE);
                long max = keyword(shape, "maximum").map(JsonNode::decimalValue).map(BigDecimal::longValue).orElse(Long.MAX_VALUE);
                if (min < INT_MIN || max > INT_MAX) {
                    out.add(path + ": an Integer in AWS's model; the schema must bound it within 32 bits (minimum and maximum)");
                }
            }
            case LONG -> expectType(shape, "integer", path, out);
            case BOOLEAN -> expectType(shape, "boolean", path, out);
            case DOUBLE, FLOAT, BIG_DECIMAL -> expectType(shape, "number", path, out);
            case DOCUMENT -> {
                if (keyword(shape, "type").isPresent()) out.add(path + ": a free-form document in AWS's model; the schema must not constrain its type");
            }
            case SDK_POJO -> {
                SdkPojo nested = (SdkPojo) field.constructor().get();
                pojo(nested, nested.getClass().getEnclosingClass(), shape, path, Map.of(), out);
            }
            case LIST -> {
                expectType(shape, "array", path, out);
                SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
                List<String> items = expand(keywordLocations(shape, "items"));
                if (items.isEmpty()) out.add(path + ": a list without an items schema");
                else value(member, enumClass, items, path + "[]", out);
            }
            case MAP -> {
                expectType(shape, "object", path, out);
                SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
                List<String> values = expand(keywordLocations(shape, "additionalProperties"));
                if (values.isEmpty() || node(values.getFirst()).isBoolean()) out.add(path + ": a map whose values the schema does not describe");
                else value(member, Optional.empty(), values, path + "{}", out);
            }
            default -> out.add(path + ": SDK type " + type + " has no JSON Schema counterpart here");
        }
    }

    private void expectType(List<String> shape, String expected, String path, List<String> out) {
        String actual = keyword(shape, "type").map(JsonNode::asString).orElse("(none)");
        if (!actual.equals(expected)) out.add(path + ": type differs: AWS " + expected + ", schema " + actual);
    }

    // ---- the SDK side ----

    /** The enum class of {@code field}'s getter, when the model exposes one ({@code x()} next to {@code xAsString()}). */
    static Optional<Class<?>> enumOf(Class<?> model, SdkField<?> field) {
        String getter = Character.toLowerCase(field.memberName().charAt(0)) + field.memberName().substring(1);
        Method method;
        try {
            method = model.getMethod(getter);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("no getter " + getter + "() on " + model.getName() + ": the SDK's naming changed", e);
        }
        boolean enumMember = hasMethod(model, getter + "AsString") || hasMethod(model, getter + "AsStrings");
        if (!enumMember) return Optional.empty();
        Type type = method.getGenericReturnType();
        if (type instanceof ParameterizedType list) type = list.getActualTypeArguments()[0];
        return Optional.of((Class<?>) type);
    }

    private static boolean hasMethod(Class<?> model, String name) {
        try {
            model.getMethod(name);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    static Set<String> knownValues(Class<?> enumClass) {
        try {
            Collection<?> values = (Collection<?>) enumClass.getMethod("knownValues").invoke(null);
            Set<String> names = new TreeSet<>();
            values.forEach(v -> names.add(v.toString()));
            return names;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(enumClass.getName() + " has no knownValues()", e);
        }
    }

    // ---- the schema side: a shape is a schema location together with every $ref it leads to ----

    private List<String> expand(List<String> locations) {
        List<String> out = new ArrayList<>();
        for (String location : locations) {
            if (out.contains(location)) continue;
            out.add(location);
            JsonNode ref = node(location).path("$ref");
            if (ref.isString()) out.addAll(expand(List.of(resolve(location, ref.asString()))));
        }
        return out;
    }

    private List<String> property(List<String> shape, String name) {
        List<String> found = new ArrayList<>();
        for (String location : shape) {
            if (node(location).path("properties").has(name)) found.add(location + "/properties/" + name);
        }
        return expand(found);
    }

    private Set<String> propertyNames(List<String> shape) {
        Set<String> names = new TreeSet<>();
        for (String location : shape) node(location).path("properties").propertyNames().forEach(names::add);
        return names;
    }

    private List<String> keywordLocations(List<String> shape, String keyword) {
        List<String> found = new ArrayList<>();
        for (String location : shape) if (node(location).has(keyword)) found.add(location + "/" + keyword);
        return found;
    }

    private Optional<JsonNode> keyword(List<String> shape, String keyword) {
        for (String location : shape) {
            JsonNode value = node(location).get(keyword);
            if (value != null) return Optional.of(value);
        }
        return Optional.empty();
    }

    private JsonNode node(String location) {
        int hash = location.indexOf('#');
        JsonNode document = documents.get(hash < 0 ? location : location.substring(0, hash));
        if (document == null) throw new IllegalArgumentException("no schema document for " + location);
        return hash < 0 ? document : document.at(location.substring(hash + 1));
    }

    private static String resolve(String from, String ref) {
        String base = from.contains("#") ? from.substring(0, from.indexOf('#')) : from;
        if (ref.startsWith("#")) return base + ref;
        String folder = base.substring(0, base.lastIndexOf('/') + 1);
        return folder + (ref.contains("#") ? ref : ref + "#");
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    private static String where(String path) {
        return path.isEmpty() ? "/" : path;
    }
}
