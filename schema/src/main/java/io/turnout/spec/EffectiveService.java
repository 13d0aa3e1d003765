package io.turnout.spec;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The desired state of one service in one environment, overrides applied: what the differ
 * compares with live state. For a {@link BlueGreen} or {@link Rolling} strategy, and AWS's own
 * engines ({@link AwsEngine}), made by {@link ServiceSpec#forEnvironment}, {@code verification} is
 * always present (a rolling service's only when it has gates). {@code hooks} are what a deployment
 * runs besides (the pre-deploy task); they are not part of the desired state.
 * {@code dependsOn} names the services of the same environment that must be deployed and verified
 * before this one starts (an order for deployments, not part of the desired state of AWS either).
 */
public record EffectiveService(String name, String environment, SourceLocation source, JsonNode taskDefinition,
                               JsonNode service, Strategy strategy, Hooks hooks, List<String> dependsOn) {
    /** A service with hooks that depends on no other. */
    public EffectiveService(String name, String environment, SourceLocation source, JsonNode taskDefinition,
                            JsonNode service, Strategy strategy, Hooks hooks) {
        this(name, environment, source, taskDefinition, service, strategy, hooks, List.of());
    }

    public EffectiveService {
        taskDefinition = taskDefinition.deepCopy();
        service = service.deepCopy();
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn); // absent in what was stored before dependsOn
    }

    /** A service without hooks that depends on no other. */
    public EffectiveService(String name, String environment, SourceLocation source, JsonNode taskDefinition,
                            JsonNode service, Strategy strategy) {
        this(name, environment, source, taskDefinition, service, strategy, Hooks.NONE, List.of());
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
