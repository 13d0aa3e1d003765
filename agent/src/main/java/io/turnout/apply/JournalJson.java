package io.turnout.apply;

import io.turnout.plan.Step;
import io.turnout.state.StateJson;
import java.util.Arrays;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Steps and snapshots to journal JSON and back. Steps are records, so each is written as its
 * components plus its type name ({@code UpdateSlot}); only the permitted subtypes of
 * {@link Step} are ever instantiated when reading. Durations are ISO-8601 ({@code PT15M}).
 */
final class JournalJson {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(StateJson.isoDurations())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private JournalJson() {}

    static ObjectNode step(Step step) {
        ObjectNode node = NODES.objectNode();
        node.put("type", step.getClass().getSimpleName());
        node.set("step", MAPPER.valueToTree(step));
        return node;
    }

    static Step step(JsonNode node) {
        String type = node.path("type").asString();
        Class<?> cls = Arrays.stream(Step.class.getPermittedSubclasses())
                .filter(c -> c.getSimpleName().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the journal names an unknown step type '" + type
                        + "': it was written by another Turnout version; move it away to start afresh"));
        return (Step) MAPPER.treeToValue(node.get("step"), cls);
    }

    static <T> T read(JsonNode node, Class<T> type) {
        return MAPPER.treeToValue(node, type);
    }

    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
