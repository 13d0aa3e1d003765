package io.turnout.spec;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What one environment changes about a service. {@code taskDefinition} and {@code service}
 * are merged into the base with {@link JsonMerge} (merge patch, with arrays of named objects
 * merged by name); {@code autoScaling} and {@code dependsOn} replace the base's whole.
 */
public record ServiceOverride(Optional<JsonNode> taskDefinition, Optional<JsonNode> service,
                              Optional<AutoScaling> autoScaling, Optional<List<String>> dependsOn) {
    public static final ServiceOverride NONE = new ServiceOverride(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public ServiceOverride {
        // a JSON null is no override (Jackson reads an absent Optional<JsonNode> as Optional.of(NullNode), e.g. from the state store)
        taskDefinition = taskDefinition.filter(n -> !n.isNull()).map(JsonNode::deepCopy);
        service = service.filter(n -> !n.isNull()).map(JsonNode::deepCopy);
        // absent in what was stored before dependsOn existed
        dependsOn = dependsOn == null ? Optional.empty() : dependsOn.map(List::copyOf);
    }

    /** An override that leaves the service's dependsOn as it is. */
    public ServiceOverride(Optional<JsonNode> taskDefinition, Optional<JsonNode> service, Optional<AutoScaling> autoScaling) {
        this(taskDefinition, service, autoScaling, Optional.empty());
    }
}
