package io.turnout.importer;

import io.turnout.diff.Normalizer;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A task definition as a spec's task definition file holds it: the RegisterTaskDefinition
 * request. DescribeTaskDefinition output (wrapped in {@code {"taskDefinition": …, "tags": …}} or
 * not) loses what only answers carry ({@code taskDefinitionArn}, {@code revision}, {@code status},
 * {@code requiresAttributes}, {@code compatibilities}, {@code registeredAt} …) and the defaults
 * AWS wrote out; every input loses {@code null}s, {@code ""} enum values and empty lists. Secrets
 * stay what they are — references ({@code valueFrom} ARNs), never values.
 */
final class TaskDefinitionCleanup {
    /** Fields only DescribeTaskDefinition answers carry. */
    static final Set<String> RESPONSE_ONLY = Set.of("taskDefinitionArn", "revision", "status", "requiresAttributes",
            "compatibilities", "registeredAt", "registeredBy", "deregisteredAt", "deleteRequestedAt");

    /** Fields that name things: kept even where they equal a default. */
    private static final Set<String> IDENTITY = Set.of("family", "name", "image", "containerDefinitions", "containerPort",
            "sourceVolume", "containerPath", "valueFrom", "value");

    private TaskDefinitionCleanup() {}

    /** Whether {@code document} is a DescribeTaskDefinition answer, wrapped or not. */
    static boolean isDescribed(JsonNode document) {
        JsonNode td = unwrap(document);
        return RESPONSE_ONLY.stream().anyMatch(td::has);
    }

    /** The {@code taskDefinition} of a DescribeTaskDefinition answer, or the document itself. */
    static JsonNode unwrap(JsonNode document) {
        return document.path("taskDefinition").isObject() && document.path("taskDefinition").has("containerDefinitions")
                ? document.get("taskDefinition") : document;
    }

    /**
     * The request for {@code document}: a RegisterTaskDefinition request as written (tidied), or
     * a described task definition with its answer-only fields and AWS's defaults removed. The
     * tags of a wrapped answer become the request's {@code tags}.
     */
    static ObjectNode request(JsonNode document) {
        boolean described = isDescribed(document);
        ObjectNode td = (ObjectNode) unwrap(document).deepCopy();
        RESPONSE_ONLY.forEach(td::remove);
        JsonCleanup.tidy(td, EnumFields.taskDefinition());
        // tags are kept out of the pruning: the comparison leaves them out, so it would take them for a default
        JsonNode ownTags = td.remove("tags");
        if (described) JsonCleanup.pruneDefaults(td, Normalizer::taskDefinition, IDENTITY);
        if (ownTags != null) td.set("tags", ownTags);
        if (unwrap(document) != document && document.path("tags") instanceof ArrayNode tags && !tags.isEmpty()) {
            td.set("tags", tags.deepCopy());
        }
        return td;
    }
}
