package io.turnout.spec.load;

import com.networknt.schema.Error;
import io.turnout.spec.SourceLocation;
import io.turnout.spec.SpecProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Turns networknt's validation errors into problems a person can act on: the message says
 * what is wrong in the spec's own words and the fix says what to write instead (the closest
 * field name, the allowed values, an example of a valid value, which of two fields to keep).
 * Descriptions and examples come from the schema itself, so schema and messages cannot drift.
 */
final class ProblemMessages {
    private final SpecSchemas schemas;

    ProblemMessages(SpecSchemas schemas) {
        this.schemas = schemas;
    }

    SpecProblem describe(Error error, ParsedDocument doc) {
        String pointer = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        JsonNode instance = error.getInstanceNode();
        SchemaRef keyword = SchemaRef.of(error.getSchemaLocation() == null ? "" : error.getSchemaLocation().toString());
        return switch (String.valueOf(error.getKeyword())) {
            case "additionalProperties", "unevaluatedProperties" -> unknownField(pointer, error.getProperty(), keyword, doc);
            case "required" -> missingField(pointer, error.getProperty(), keyword, doc);
            case "type" -> wrongType(pointer, instance, error.getArguments(), doc);
            case "enum" -> notAllowed(pointer, instance, error.getSchemaNode(), doc);
            case "const" -> notConst(pointer, instance, error.getSchemaNode(), doc);
            case "pattern" -> badPattern(pointer, instance, keyword, doc);
            case "oneOf" -> exactlyOne(pointer, error.getSchemaNode(), instance, doc);
            case "maximum", "minimum" -> outOfRange(pointer, instance, error, doc);
            default -> new SpecProblem(doc.positions().locateValue(pointer), pointer,
                    subject(pointer, instance) + " " + error.getMessage(), boundFix(error, keyword));
        };
    }

    private SpecProblem unknownField(String pointer, String field, SchemaRef keyword, ParsedDocument doc) {
        String child = pointer + "/" + TreeReader.escape(field);
        SourceLocation at = doc.positions().locateKey(child);
        String object = keyword.parent().toString();
        Optional<String> owned = TurnoutOwnedFields.explain(object, field);
        if (owned.isPresent()) {
            return new SpecProblem(at, child, "field '" + field + "' is set by Turnout, not by the spec", owned.get() + "; remove '" + field + "'");
        }
        Optional<String> describe = ResponseOnlyFields.describedBy(object, field);
        if (describe.isPresent()) {
            String create = describe.get().equals("DescribeServices") ? "CreateService" : "RegisterTaskDefinition";
            return new SpecProblem(at, child, "unknown field '" + field + "': " + describe.get() + " reports it, the " + create + " request does not take it",
                    "remove it (and the other fields AWS reports back: "
                            + String.join(", ", new java.util.TreeSet<>(describe.get().equals("DescribeServices") ? ResponseOnlyFields.SERVICE
                            : ResponseOnlyFields.TASK_DEFINITION)) + ")");
        }
        if (object.endsWith("service.schema.json#/$defs/serviceSource/then")) {
            return new SpecProblem(at, child, "field '" + field + "' next to spec.service.file",
                    "with spec.service.file the settings come from that file: move '" + field + "' into it (or into spec.overrides.<environment>.service)");
        }
        List<String> allowed = new ArrayList<>();
        schema(keyword.parent().child("properties")).ifPresent(p -> p.propertyNames().forEach(allowed::add));
        String fix = Suggestions.closest(field, allowed).map(s -> "did you mean '" + s + "'?")
                .orElse(allowed.isEmpty() ? "remove it" : "remove it; allowed here: " + String.join(", ", allowed));
        return new SpecProblem(at, child, "unknown field '" + field + "'", fix);
    }

    private SpecProblem missingField(String pointer, String field, SchemaRef keyword, ParsedDocument doc) {
        String where = pointer.isEmpty() ? "at the top of the file" : "under " + pointer;
        String about = propertyDescription(keyword.parent(), field).map(d -> " (" + firstSentence(d) + ")").orElse("");
        return new SpecProblem(doc.positions().locate(pointer), pointer, "missing required field '" + field + "'",
                "add '" + field + "' " + where + about);
    }

    private SpecProblem wrongType(String pointer, JsonNode instance, Object[] args, ParsedDocument doc) {
        String found = args != null && args.length > 0 ? String.valueOf(args[0]) : nodeType(instance);
        String expected = args != null && args.length > 1 ? String.valueOf(args[1]) : "?";
        SourceLocation at = doc.positions().locateValue(pointer);
        if (instance == null || instance.isNull()) {
            // "key:" with nothing after it, "~" or null: YAML's way of writing nothing
            String field = lastSegment(pointer);
            return new SpecProblem(at, pointer, (field.isEmpty() ? "the document" : "'" + field + "'") + " has no value (null); expected "
                    + article(expected), "write " + article(expected) + " after '" + field + ":', or remove the key");
        }
        String message = "expected " + article(expected) + ", found " + article(found) + shown(instance);
        if (expected.equals("string") && instance != null && instance.isValueNode() && !instance.isNull()) {
            String field = lastSegment(pointer);
            if (field.equals("accountId")) {
                return new SpecProblem(at, pointer, "accountId must be a quoted string: YAML reads " + instance
                        + " as a number (and would drop a leading zero)", "write accountId: \"" + padAccount(instance) + "\"");
            }
            return new SpecProblem(at, pointer, message + ": YAML reads unquoted " + instance + " as a " + found,
                    "put the value in quotes: " + field + ": \"" + instance.asString() + "\"");
        }
        return new SpecProblem(at, pointer, message, "write " + article(expected) + " here");
    }

    private SpecProblem notAllowed(String pointer, JsonNode instance, JsonNode values, ParsedDocument doc) {
        List<String> allowed = new ArrayList<>();
        if (values != null) values.forEach(v -> allowed.add(v.asString()));
        String fix = "use one of: " + String.join(", ", allowed);
        if (instance != null && instance.isString()) {
            fix = Suggestions.closest(instance.asString(), allowed).map(s -> "did you mean '" + s + "'? Allowed: " + String.join(", ", allowed)).orElse(fix);
        }
        return new SpecProblem(doc.positions().locateValue(pointer), pointer,
                subject(pointer, instance) + " is not an allowed value", fix);
    }

    private SpecProblem notConst(String pointer, JsonNode instance, JsonNode value, ParsedDocument doc) {
        String expected = value == null ? "?" : value.asString();
        return new SpecProblem(doc.positions().locateValue(pointer), pointer,
                subject(pointer, instance) + " must be '" + expected + "'", "write " + lastSegment(pointer) + ": " + expected);
    }

    private SpecProblem badPattern(String pointer, JsonNode instance, SchemaRef keyword, ParsedDocument doc) {
        SourceLocation at = doc.positions().locateValue(pointer);
        String value = instance == null ? "" : instance.asString();
        SchemaRef owner = keyword.parent();
        String what = schema(owner.child("description")).map(d -> firstSentence(d.asString())).orElse("the expected format");
        String examples = schema(owner.child("examples")).map(ProblemMessages::list).orElse("");
        if (value.contains("--") && owner.fragment().endsWith("/serviceName")) {
            return new SpecProblem(at, pointer, "service name '" + value + "' contains '--'",
                    "'--' separates the service name from the slot in ECS service names (web--a, web--b): use single dashes, e.g. "
                            + value.replaceAll("-{2,}", "-"));
        }
        if (pointer.endsWith("/key") && pointer.contains("/tags/")) {
            if (value.regionMatches(true, 0, "aws:", 0, 4)) {
                return new SpecProblem(at, pointer, "tag key '" + value + "' is reserved for AWS", "AWS refuses tag keys starting with aws: (in any case): choose another key");
            }
            return new SpecProblem(at, pointer, "tag key '" + value + "' is reserved for Turnout",
                    "Turnout writes BG_VERSION and turnout:* tags itself: choose another key");
        }
        String pattern = schema(owner.child("pattern")).map(JsonNode::asString).orElse("?");
        return new SpecProblem(at, pointer, "'" + value + "' is not valid: " + lowerFirst(what),
                examples.isEmpty() ? "write a value matching " + pattern : "for example: " + examples);
    }

    private SpecProblem outOfRange(String pointer, JsonNode instance, Error error, ParsedDocument doc) {
        JsonNode limit = error.getSchemaNode();
        String n = limit == null || !limit.isValueNode() ? "?" : limit.asString();
        boolean max = "maximum".equals(error.getKeyword());
        // AWS's API model types these fields as Integer: a larger number could never be sent
        String why = max && n.equals(String.valueOf(Integer.MAX_VALUE)) ? " (the largest number AWS's API takes here: a 32-bit integer)"
                : !max && n.equals(String.valueOf(Integer.MIN_VALUE)) ? " (the smallest number AWS's API takes here: a 32-bit integer)" : "";
        return new SpecProblem(doc.positions().locateValue(pointer), pointer,
                subject(pointer, instance) + " is " + (max ? "more" : "less") + " than " + n + why,
                "use a value of at " + (max ? "most " : "least ") + n);
    }

    private SpecProblem exactlyOne(String pointer, JsonNode alternatives, JsonNode instance, ParsedDocument doc) {
        List<String> names = new ArrayList<>();
        if (alternatives != null) {
            for (JsonNode alternative : alternatives) {
                JsonNode required = alternative.path("required");
                if (required.size() == 1) names.add("'" + required.get(0).asString() + "'");
            }
        }
        String choice = names.size() <= 2 ? String.join(" or ", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
        List<String> present = instance == null ? List.of()
                : names.stream().filter(n -> instance.has(n.substring(1, n.length() - 1))).toList();
        String message = present.size() > 1 ? (present.size() == 2 ? "both " : "all of ") + String.join(" and ", present)
                + " are set" : "neither " + String.join(" nor ", names) + " is set";
        if (names.isEmpty()) message = "matches none or several of the allowed shapes";
        return new SpecProblem(doc.positions().locate(pointer), pointer, message, "set exactly one of " + choice);
    }

    // --- helpers ---

    private Optional<JsonNode> schema(SchemaRef ref) {
        JsonNode doc = schemas.document(ref.id());
        if (doc == null) return Optional.empty();
        JsonNode node = doc.at(ref.fragment());
        return node.isMissingNode() ? Optional.empty() : Optional.of(node);
    }

    /** The description of a property that is only a $ref (e.g. "aws": {"$ref": …}). */
    private Optional<String> describeRef(SchemaRef property) {
        return schema(property.child("$ref")).flatMap(ref -> schema(property.resolve(ref.asString()).child("description")))
                .map(JsonNode::asString);
    }

    /** The description of {@code field} of the object schema {@code object}, following the object's own $ref when it refines another. */
    private Optional<String> propertyDescription(SchemaRef object, String field) {
        for (int depth = 0; depth < 4; depth++) {
            SchemaRef property = object.child("properties").child(field);
            Optional<String> found = schema(property.child("description")).map(JsonNode::asString).or(() -> describeRef(property));
            if (found.isPresent()) return found;
            Optional<JsonNode> ref = schema(object.child("$ref"));
            if (ref.isEmpty()) return Optional.empty();
            object = object.resolve(ref.get().asString());
        }
        return Optional.empty();
    }

    /** Fixes for the size and range keywords; the limit is the keyword's value in the schema. */
    private String boundFix(Error error, SchemaRef keyword) {
        JsonNode limit = error.getSchemaNode();
        String n = limit == null || !limit.isValueNode() ? "?" : limit.asString();
        return switch (String.valueOf(error.getKeyword())) {
            case "minItems" -> "list at least " + n + (n.equals("1") ? " item" : " items");
            case "maxItems" -> "list at most " + n + " items";
            case "minLength" -> "write at least " + n + (n.equals("1") ? " character" : " characters");
            case "maxLength" -> "write at most " + n + " characters";
            case "uniqueItems" -> "remove the repeated entries";
            case "propertyNames" -> "rename '" + error.getProperty() + "': keys here are environment names (lower-case letters, digits and '-')";
            default -> schema(keyword.parent().child("description")).map(d -> "expected: " + firstSentence(d.asString())).orElse("");
        };
    }

    private static String subject(String pointer, JsonNode instance) {
        String field = lastSegment(pointer);
        String value = instance == null || instance.isContainer() ? "" : " " + instance;
        return field.isEmpty() ? "the document" : field + value;
    }

    private static String shown(JsonNode instance) {
        return instance == null || instance.isContainer() ? "" : " (" + instance + ")";
    }

    private static String lastSegment(String pointer) {
        String s = pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
        return s;
    }

    private static String nodeType(JsonNode node) {
        if (node == null) return "nothing";
        if (node.isObject()) return "object";
        if (node.isArray()) return "array";
        if (node.isString()) return "string";
        if (node.isIntegralNumber()) return "integer";
        if (node.isNumber()) return "number";
        if (node.isBoolean()) return "boolean";
        return "null";
    }

    private static String article(String type) {
        return switch (type) {
            case "object" -> "a mapping (object)";
            case "array" -> "a list (array)";
            case "integer" -> "an integer";
            case "null" -> "nothing (null)";
            default -> "a " + type;
        };
    }

    private static String padAccount(JsonNode number) {
        String digits = number.asString();
        return digits.length() < 12 ? "0".repeat(12 - digits.length()) + digits : digits;
    }

    private static String list(JsonNode examples) {
        List<String> out = new ArrayList<>();
        examples.forEach(e -> out.add(e.asString()));
        return String.join(", ", out);
    }

    static String firstSentence(String text) {
        int dot = text.indexOf(". ");
        String s = dot > 0 ? text.substring(0, dot) : text;
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** A location inside one of our schema documents: its {@code $id} and a JSON pointer fragment. */
    record SchemaRef(String id, String fragment) {
        static SchemaRef of(String location) {
            int hash = location.indexOf('#');
            return hash < 0 ? new SchemaRef(location, "") : new SchemaRef(location.substring(0, hash), location.substring(hash + 1));
        }

        SchemaRef parent() {
            int slash = fragment.lastIndexOf('/');
            return new SchemaRef(id, slash <= 0 ? "" : fragment.substring(0, slash));
        }

        @Override
        public String toString() {
            return id + "#" + fragment;
        }

        SchemaRef child(String name) {
            return new SchemaRef(id, fragment + "/" + TreeReader.escape(name));
        }

        /** Resolves a $ref value ("#/$defs/x" or "common.schema.json#/$defs/x") against this document. */
        SchemaRef resolve(String ref) {
            if (ref.startsWith("#")) return new SchemaRef(id, ref.substring(1));
            String base = id.substring(0, id.lastIndexOf('/') + 1);
            return of(base + ref);
        }
    }
}
