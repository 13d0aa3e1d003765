package io.turnout.spec;

import tools.jackson.databind.JsonNode;

/**
 * The desired state of one service in one environment, overrides applied: what the differ
 * compares with live state. For a {@link BlueGreen} or {@link Rolling} strategy, and AWS's own
 * engines ({@link AwsEngine}), made by {@link ServiceSpec#forEnvironment}, {@code verification} is
 * always present (a rolling service's only when it has gates). {@code hooks} are what a deployment
 * runs besides (the pre-deploy task); they are not part of the desired state.
 */
public record EffectiveService(String name, String environment, SourceLocation source, JsonNode taskDefinition,
                               JsonNode service, Strategy strategy, Hooks hooks) {
    public EffectiveService(String name, String environment, SourceLocation source, JsonNode taskDefinition,
                            JsonNode service, Strategy strategy) {
        this(name, environment, source, taskDefinition, service, strategy, Hooks.NONE);
    }

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
