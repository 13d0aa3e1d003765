package io.turnout.importer;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Template placeholders in a definition: Go-template expressions such as ecspresso's
 * {@code {{ must_env `X` }}} and {@code {{ tfstate … }}}. Their values are unknown until the
 * template is rendered, so import refuses such a document instead of guessing. ({@code ${VAR}}
 * is not one: it is what container commands use for their own shell variables.)
 */
final class Templates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{.*?}}");

    private Templates() {}

    /** The first placeholder and where it is ({@code {{ tfstate … }} at /networkConfiguration/…}), if any. */
    static Optional<String> find(JsonNode doc) {
        return find(doc, "");
    }

    private static Optional<String> find(JsonNode node, String pointer) {
        if (node.isString()) {
            var m = PLACEHOLDER.matcher(node.asString());
            return m.find() ? Optional.of(m.group() + " at " + (pointer.isEmpty() ? "/" : pointer)) : Optional.empty();
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<String> found = find(node.get(i), pointer + "/" + i);
                if (found.isPresent()) return found;
            }
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                Optional<String> found = find(e.getValue(), pointer + "/" + e.getKey());
                if (found.isPresent()) return found;
            }
        }
        return Optional.empty();
    }
}
