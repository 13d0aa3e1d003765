package io.turnout.spec;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The desired state of one service in one environment, overrides applied: what the differ
 * compares with live state. For a {@link BlueGreen} strategy, {@code verification} is always present.
 * {@code dependsOn} names the services of the same environment that must be deployed and verified
 * before this one starts (an order for deployments, not part of the desired state of AWS).
 */
public record EffectiveService(String name, String environment, SourceLocation source, JsonNode taskDefinition,
                               JsonNode service, Strategy strategy, List<String> dependsOn) {
    public EffectiveService {
        taskDefinition = taskDefinition.deepCopy();
        service = service.deepCopy();
        dependsOn = List.copyOf(dependsOn);
    }

    /** A service that depends on no other. */
    public EffectiveService(String name, String environment, SourceLocation source, JsonNode taskDefinition,
                            JsonNode service, Strategy strategy) {
        this(name, environment, source, taskDefinition, service, strategy, List.of());
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
