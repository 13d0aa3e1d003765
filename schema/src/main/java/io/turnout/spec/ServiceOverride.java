package io.turnout.spec;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What one environment changes about a service. {@code taskDefinition} and {@code service}
 * are merged into the base with {@link JsonMerge} (merge patch, with arrays of named objects
 * merged by name); {@code autoScaling} replaces the base's whole.
 */
public record ServiceOverride(Optional<JsonNode> taskDefinition, Optional<JsonNode> service,
                              Optional<AutoScaling> autoScaling) {
    public static final ServiceOverride NONE = new ServiceOverride(Optional.empty(), Optional.empty(), Optional.empty());

    public ServiceOverride {
        // a JSON null is no override (Jackson reads an absent Optional<JsonNode> as Optional.of(NullNode), e.g. from the state store)
        taskDefinition = taskDefinition.filter(n -> !n.isNull()).map(JsonNode::deepCopy);
        service = service.filter(n -> !n.isNull()).map(JsonNode::deepCopy);
    }
}
