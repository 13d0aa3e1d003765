package io.turnout.plan;

import tools.jackson.databind.JsonNode;

/** RegisterTaskDefinition with the desired definition, exactly as the spec (overrides applied) says it. */
public record RegisterTaskDefinition(String service, String family, JsonNode definition) implements Step {
    public RegisterTaskDefinition {
        definition = definition.deepCopy();
    }

    @Override
    public JsonNode definition() {
        return definition.deepCopy();
    }

    @Override
    public String describe() {
        return "Register a new revision of task definition " + family;
    }
}
