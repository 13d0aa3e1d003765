package io.turnout.testing;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** YAML (flow style is handy in tables: {@code {name: web, image: x}}) to JSON trees, for tests. */
public final class Yaml {
    private static final YAMLMapper MAPPER = YAMLMapper.builder().build();

    private Yaml() {}

    public static JsonNode node(String yaml) {
        return MAPPER.readTree(yaml);
    }

    public static ObjectNode object(String yaml) {
        return (ObjectNode) MAPPER.readTree(yaml);
    }
}
