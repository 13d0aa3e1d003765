package io.turnout.spec;

import tools.jackson.databind.JsonNode;

/**
 * The desired state of one service in one environment, overrides applied: what the differ
 * compares with live state. For a {@link BlueGreen} strategy and {@link AwsEngine}s,
 * {@code verification} is always present.
 */
public record EffectiveService(String name, String environment, SourceLocation source, JsonNode taskDefinition,
                               JsonNode service, Strategy strategy) {
    public EffectiveService {
        taskDefinition = taskDefinition.deepCopy();
        service = service.deepCopy();
    }

    @Override
    public JsonNode taskDefinition() {
        return taskDefinition.deepCopy();
    }

    @Override
    public JsonNode service() {
        return service.deepCopy();
    }
}
