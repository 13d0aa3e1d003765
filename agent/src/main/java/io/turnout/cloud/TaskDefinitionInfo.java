package io.turnout.cloud;

import tools.jackson.databind.JsonNode;

/**
 * A registered task definition revision. {@code definition} is the {@code taskDefinition}
 * object of DescribeTaskDefinition, with everything AWS adds (taskDefinitionArn, revision,
 * status, compatibilities, requiresAttributes, registeredAt, container defaults …).
 */
public record TaskDefinitionInfo(String arn, String family, int revision, String status, JsonNode definition) {
    public TaskDefinitionInfo {
        definition = definition.deepCopy();
    }

    @Override
    public JsonNode definition() {
        return definition.deepCopy();
    }
}
