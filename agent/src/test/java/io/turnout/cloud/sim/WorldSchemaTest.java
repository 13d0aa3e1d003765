package io.turnout.cloud.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.networknt.schema.Schema;
import io.turnout.spec.load.SpecSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The published world schema (what editors check world files with) agrees with what WorldFile reads and writes. */
class WorldSchemaTest {
    static final Path EXAMPLE_WORLD = Path.of("..", "specs-example", "world.yaml");
    final Schema schema = SpecSchemas.get().simulatedWorld();
    final YAMLMapper yaml = YAMLMapper.builder().build();

    @Test
    void theExampleWorldIsValid() throws Exception {
        assertEquals(List.of(), schema.validate(yaml.readTree(Files.readString(EXAMPLE_WORLD))));
    }

    @Test
    void aWorldWrittenBackIsValid() {
        SimulatedCloud cloud = WorldFile.read(EXAMPLE_WORLD, new ManualClock());
        JsonNode written = yaml.readTree(WorldFile.write(cloud, "shop-example"));
        assertEquals(List.of(), schema.validate(written));
    }

    @Test
    void aTypoInAWorldIsRejectedByTheSchema() throws Exception {
        String text = Files.readString(EXAMPLE_WORLD).replace("targetGroups:", "targetGroup:");
        assertFalse(schema.validate(yaml.readTree(text)).isEmpty());
    }
}
