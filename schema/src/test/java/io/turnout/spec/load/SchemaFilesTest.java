package io.turnout.spec.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The schema files are valid draft 2020-12 with unique ids, and every editor modeline in the example resolves. */
class SchemaFilesTest {
    static final Path SCHEMA_DIR = Path.of("src/main/resources/schemas/turnout/v1");
    static final Pattern MODELINE = Pattern.compile("^# yaml-language-server: \\$schema=(\\S+)$");

    @Test
    void everySchemaIsValidDraft202012WithAUniqueStableId() throws IOException {
        Schema meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
        JsonMapper mapper = JsonMapper.builder().build();
        Set<String> ids = new HashSet<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(SCHEMA_DIR)) {
            files = s.filter(p -> p.toString().endsWith(".schema.json")).sorted().toList();
        }
        assertEquals(SpecSchemas.FILES, files.stream().map(p -> p.getFileName().toString()).toList());
        for (Path file : files) {
            JsonNode schema = mapper.readTree(file.toFile());
            assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asString(), file.toString());
            assertEquals(SpecSchemas.ID_PREFIX + file.getFileName(), schema.path("$id").asString(), file.toString());
            assertTrue(ids.add(schema.path("$id").asString()), "duplicate $id in " + file);
            assertEquals(List.of(), meta.validate(schema), file.toString());
        }
    }

    @Test
    void everyObjectRejectsUnknownFields() throws IOException {
        JsonMapper mapper = JsonMapper.builder().build();
        List<String> open = new ArrayList<>();
        for (String file : SpecSchemas.FILES) {
            collectOpenObjects(mapper.readTree(SCHEMA_DIR.resolve(file).toFile()), file + "#", open);
        }
        // free-form on purpose: maps of strings (labels, options) and AWS documents passed through as is
        open.removeIf(p -> p.endsWith("/CustomizedMetricSpecification") || p.endsWith("/PredictiveScalingPolicyConfiguration"));
        // a simulated world stores AWS's own answers verbatim (a described task definition, service
        // settings, a scaling configuration): those are AWS documents, not Turnout's format
        open.removeAll(List.of("simulated-world.schema.json#/$defs/region/properties/taskDefinitions/items",
                "simulated-world.schema.json#/$defs/region/properties/services/items/properties/settings",
                "simulated-world.schema.json#/$defs/region/properties/scalingPolicies/items/properties/configuration"));
        assertEquals(List.of(), open);
    }

    /** AWS's API model types these numbers as 32-bit Integers; Turnout's own fields are bounded the same way (issue 11). */
    @Test
    void everyIntegerIsBoundedTo32Bits() throws IOException {
        JsonMapper mapper = JsonMapper.builder().build();
        List<String> unbounded = new ArrayList<>();
        for (String file : SpecSchemas.FILES) collectUnbounded(mapper.readTree(SCHEMA_DIR.resolve(file).toFile()), file + "#", unbounded);
        assertEquals(List.of(), unbounded);
    }

    private static void collectUnbounded(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            if ("integer".equals(node.path("type").asString(""))
                    && (node.path("minimum").asLong(Long.MIN_VALUE) < Integer.MIN_VALUE || node.path("maximum").asLong(Long.MAX_VALUE) > Integer.MAX_VALUE)) {
                out.add(path);
            }
            for (var e : node.properties()) collectUnbounded(e.getValue(), path + "/" + e.getKey(), out);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) collectUnbounded(node.get(i), path + "/" + i, out);
        }
    }

    private static void collectOpenObjects(JsonNode node, String path, List<String> open) {
        if (node.isObject()) {
            // a node with a $ref adds constraints to the shape it refers to, which closes it; an
            // "if" is a condition on the document, not a shape
            boolean refines = node.has("$ref") || path.endsWith("/if");
            if (node.has("properties") && !node.has("additionalProperties") && !node.has("unevaluatedProperties")
                    && !refines && !path.endsWith("/metadata")) {
                open.add(path);
            }
            if (node.path("type").isString() && "object".equals(node.path("type").asString()) && !node.has("properties")
                    && !node.has("additionalProperties") && !refines) {
                open.add(path);
            }
            for (var e : node.properties()) {
                if (e.getKey().equals("properties") || e.getKey().equals("$defs")) {
                    // keyword maps: their values are schemas, the map itself is not
                    for (var child : e.getValue().properties()) {
                        collectOpenObjects(child.getValue(), path + "/" + e.getKey() + "/" + child.getKey(), open);
                    }
                } else {
                    collectOpenObjects(e.getValue(), path + "/" + e.getKey(), open);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) collectOpenObjects(node.get(i), path + "/" + i, open);
        }
    }

    @Test
    void everyExampleYamlStartsWithAModelineThatResolves() throws IOException {
        Path example = Path.of("..", "specs-example");
        List<Path> yamls;
        try (Stream<Path> s = Files.walk(example)) {
            yamls = s.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals("world.yaml")).sorted().toList();
        }
        assertTrue(yamls.size() >= 7, yamls.toString());
        for (Path yaml : yamls) {
            String first = Files.readAllLines(yaml).getFirst();
            Matcher m = MODELINE.matcher(first);
            assertTrue(m.matches(), yaml + " starts with '" + first + "'");
            Path target = yaml.getParent().resolve(m.group(1)).normalize();
            assertTrue(Files.isRegularFile(target), yaml + " points at missing " + target);
            assertTrue(target.toAbsolutePath().normalize().startsWith(SCHEMA_DIR.toAbsolutePath().normalize()), yaml + " -> " + target);
        }
    }
}
