package io.turnout.spec.load;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import io.turnout.spec.SpecProblem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Validates one parsed document against one of the spec schemas and explains each error. */
final class SchemaValidation {
    /**
     * Our schemas use oneOf only to say "exactly one of these fields" ({@code oneOf: [{required:
     * [a]}, {required: [b]}]}). networknt also reports each failed alternative's "required"
     * error; the oneOf error alone says it better ("set exactly one of 'a' or 'b'").
     */
    private static final Pattern ONE_OF_ALTERNATIVE = Pattern.compile(".*/oneOf/[0-9]+/required$");

    private final SpecSchemas schemas;
    private final ProblemMessages messages;

    SchemaValidation(SpecSchemas schemas) {
        this.schemas = schemas;
        this.messages = new ProblemMessages(schemas);
    }

    List<SpecProblem> environment(ParsedDocument doc) {
        return validate(schemas.environment(), doc);
    }

    List<SpecProblem> service(ParsedDocument doc) {
        return validate(schemas.service(), doc);
    }

    List<SpecProblem> taskDefinition(ParsedDocument doc) {
        JsonNode root = doc.root();
        if (root.isObject() && root.path("taskDefinition").isObject() && !root.has("containerDefinitions")) {
            // aws ecs describe-task-definition prints {"taskDefinition": {...}, "tags": [...]}: one
            // problem that says so instead of "missing family", "unknown field taskDefinition" …
            return List.of(new SpecProblem(doc.positions().locateKey("/taskDefinition"), "/taskDefinition",
                    "unknown field 'taskDefinition': this is DescribeTaskDefinition's answer ({\"taskDefinition\": {…}}), not a RegisterTaskDefinition request",
                    "unwrap it: make the object under taskDefinition the whole file, then remove the fields AWS reports back ("
                            + String.join(", ", new TreeSet<>(ResponseOnlyFields.TASK_DEFINITION)) + ")"));
        }
        return validate(schemas.taskDefinition(), doc);
    }

    /** A file named by {@code spec.service.file}: CreateService settings. */
    List<SpecProblem> serviceSettings(ParsedDocument doc) {
        return validate(schemas.serviceSettings(), doc);
    }

    private List<SpecProblem> validate(Schema schema, ParsedDocument doc) {
        Set<SpecProblem> problems = new LinkedHashSet<>();
        List<Error> errors = schema.validate(doc.root());
        // a value of the wrong type (null included) is that one problem: not also "not an
        // allowed value", "does not match" or "out of range" for the same field
        Set<String> wrongType = new HashSet<>();
        for (Error error : errors) if ("type".equals(error.getKeyword())) wrongType.add(instance(error));
        for (Error error : errors) {
            String location = error.getSchemaLocation() == null ? "" : error.getSchemaLocation().toString();
            if ("required".equals(error.getKeyword()) && ONE_OF_ALTERNATIVE.matcher(location).matches()) continue;
            if (!"type".equals(error.getKeyword()) && VALUE_KEYWORDS.contains(String.valueOf(error.getKeyword()))
                    && wrongType.contains(instance(error))) continue;
            problems.add(messages.describe(error, doc));
        }
        return new ArrayList<>(problems);
    }

    private static final Set<String> VALUE_KEYWORDS = Set.of("enum", "const", "pattern", "minimum", "maximum", "minLength", "maxLength");

    private static String instance(Error error) {
        return error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
    }
}
