package io.turnout.diff;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * One field-level difference between live ({@code before}) and desired ({@code after}).
 *
 * @param path   readable location, list elements by key: {@code taskDefinition/containerDefinitions[web]/image},
 *               {@code taskDefinition/containerDefinitions[web]/environment[LOG_LEVEL]/value},
 *               {@code taskDefinition/containerDefinitions[web]/portMappings[8080]/hostPort}
 * @param type   add, remove or modify
 * @param before the live value; a {@link MissingNode} for {@link ChangeType#ADD}
 * @param after  the desired value; a {@link MissingNode} for {@link ChangeType#REMOVE}
 */
public record Change(String path, ChangeType type, JsonNode before, JsonNode after) {
    public Change {
        before = before == null ? MissingNode.getInstance() : before.deepCopy();
        after = after == null ? MissingNode.getInstance() : after.deepCopy();
    }

    @Override
    public JsonNode before() {
        return before.deepCopy();
    }

    @Override
    public JsonNode after() {
        return after.deepCopy();
    }

    public static Change of(String path, JsonNode before, JsonNode after) {
        boolean hasBefore = before != null && !before.isMissingNode();
        boolean hasAfter = after != null && !after.isMissingNode();
        ChangeType type = !hasBefore ? ChangeType.ADD : !hasAfter ? ChangeType.REMOVE : ChangeType.MODIFY;
        return new Change(path, type, before, after);
    }
}
