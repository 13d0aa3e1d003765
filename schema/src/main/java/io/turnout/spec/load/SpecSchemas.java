package io.turnout.spec.load;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schemas (draft 2020-12) of the spec format, read from the classpath
 * ({@code schemas/turnout/v1/}) and compiled once. Schema ids are
 * {@code https://turnout.dev/schemas/turnout/v1/<name>.schema.json}; they are mapped to the
 * classpath, so validation never touches the network.
 */
public final class SpecSchemas {
    public static final String ID_PREFIX = "https://turnout.dev/schemas/turnout/v1/";
    public static final String RESOURCE_FOLDER = "schemas/turnout/v1/";
    /** The schema file names, in a stable order. */
    public static final List<String> FILES = List.of("common.schema.json", "environment.schema.json",
            "service.schema.json", "simulated-world.schema.json", "task-definition.schema.json");

    private static final class Holder {
        static final SpecSchemas INSTANCE = new SpecSchemas();
    }

    private final Map<String, JsonNode> documents = new LinkedHashMap<>();
    private final Schema environment;
    private final Schema service;
    private final Schema taskDefinition;
    private final Schema serviceSettings;
    private final Schema simulatedWorld;

    private SpecSchemas() {
        JsonMapper mapper = JsonMapper.builder().build();
        for (String file : FILES) documents.put(ID_PREFIX + file, mapper.readTree(resource(file)));
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
                .schemaIdResolvers(ids -> ids.mapPrefix("https://turnout.dev/schemas/", "classpath:schemas/"))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build()));
        environment = compile(registry, "environment.schema.json");
        service = compile(registry, "service.schema.json");
        taskDefinition = compile(registry, "task-definition.schema.json");
        serviceSettings = compile(registry, "service.schema.json#/$defs/serviceSettings");
        simulatedWorld = compile(registry, "simulated-world.schema.json");
    }

    /** The shared instance (schemas are compiled once per process). */
    public static SpecSchemas get() {
        return Holder.INSTANCE;
    }

    Schema environment() {
        return environment;
    }

    Schema service() {
        return service;
    }

    Schema taskDefinition() {
        return taskDefinition;
    }

    Schema serviceSettings() {
        return serviceSettings;
    }

    /** The schema of {@code kind: SimulatedWorld} files (read by the simulated cloud, not a spec). */
    public Schema simulatedWorld() {
        return simulatedWorld;
    }

    /** The raw schema document with this {@code $id}, or null; used to explain errors (examples, oneOf choices). */
    JsonNode document(String id) {
        return documents.get(id);
    }

    /** The raw text of a schema file, e.g. for {@code turnout schema} or editor setup. */
    public static InputStream resource(String file) {
        InputStream in = SpecSchemas.class.getClassLoader().getResourceAsStream(RESOURCE_FOLDER + file);
        if (in == null) throw new UncheckedIOException(new IOException("schema resource missing from the classpath: " + RESOURCE_FOLDER + file));
        return in;
    }

    private static Schema compile(SchemaRegistry registry, String file) {
        Schema schema = registry.getSchema(SchemaLocation.of(ID_PREFIX + file));
        schema.initializeValidators();
        return schema;
    }
}
