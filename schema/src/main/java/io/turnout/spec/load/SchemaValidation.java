package io.turnout.spec.load;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import io.turnout.spec.SpecProblem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

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
        return validate(schemas.taskDefinition(), doc);
    }

    private List<SpecProblem> validate(Schema schema, ParsedDocument doc) {
        Set<SpecProblem> problems = new LinkedHashSet<>();
        for (Error error : schema.validate(doc.root())) {
            String location = error.getSchemaLocation() == null ? "" : error.getSchemaLocation().toString();
            if ("required".equals(error.getKeyword()) && ONE_OF_ALTERNATIVE.matcher(location).matches()) continue;
            problems.add(messages.describe(error, doc));
        }
        return new ArrayList<>(problems);
    }
}
