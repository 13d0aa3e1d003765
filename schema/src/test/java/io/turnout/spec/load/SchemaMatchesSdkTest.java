package io.turnout.spec.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The task definition and service settings schemas follow AWS's API field for field: member
 * names, types (32-bit integers bounded) and enum values, recursively, as the AWS SDK for Java
 * (the version Turnout sends requests with) models RegisterTaskDefinition and CreateService.
 * The only departures are {@link TurnoutOwnedFields}, each with its reason. The second half
 * shows that the comparison fails when a schema drifts.
 */
class SchemaMatchesSdkTest {
    static final String TASK_DEFINITION = SpecSchemas.ID_PREFIX + "task-definition.schema.json";
    static final String SERVICE = SpecSchemas.ID_PREFIX + "service.schema.json";
    static final String SERVICE_SETTINGS = SERVICE + "#/$defs/serviceSettings";
    static final String TASK_DEFINITION_PATCH = TASK_DEFINITION + "#/$defs/taskDefinitionPatch";

    static Map<String, JsonNode> schemas() {
        JsonMapper mapper = JsonMapper.builder().build();
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        for (String file : SpecSchemas.FILES) {
            try (InputStream in = SpecSchemas.resource(file)) {
                documents.put(SpecSchemas.ID_PREFIX + file, mapper.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return documents;
    }

    static List<String> taskDefinitionDifferences(Map<String, JsonNode> documents, String location) {
        return new SdkShapeComparison(documents).compare(RegisterTaskDefinitionRequest.builder(), RegisterTaskDefinitionRequest.class,
                location, TurnoutOwnedFields.REGISTER_TASK_DEFINITION);
    }

    static List<String> serviceDifferences(Map<String, JsonNode> documents) {
        return new SdkShapeComparison(documents).compare(CreateServiceRequest.builder(), CreateServiceRequest.class,
                SERVICE_SETTINGS, TurnoutOwnedFields.CREATE_SERVICE);
    }

    @Test
    void taskDefinitionSchemaIsRegisterTaskDefinitionRequest() {
        assertEquals(List.of(), taskDefinitionDifferences(schemas(), TASK_DEFINITION));
    }

    @Test
    void taskDefinitionPatchHasTheSameFields() {
        assertEquals(List.of(), taskDefinitionDifferences(schemas(), TASK_DEFINITION_PATCH));
    }

    @Test
    void serviceSettingsSchemaIsCreateServiceRequestLessWhatTurnoutSets() {
        assertEquals(List.of(), serviceDifferences(schemas()));
    }

    // ---- the comparison fails when a schema drifts from the SDK ----

    static Map<String, JsonNode> altered(String document, String pointer, Consumer<ObjectNode> change) {
        Map<String, JsonNode> documents = schemas();
        JsonNode copy = documents.get(document).deepCopy();
        change.accept((ObjectNode) copy.at(pointer));
        documents.put(document, copy);
        return documents;
    }

    static void assertReported(List<String> differences, String expected) {
        assertTrue(differences.stream().anyMatch(d -> d.contains(expected)), () -> "expected a difference containing '"
                + expected + "', got " + differences);
    }

    @Test
    void aFieldRemovedFromTheSchemaIsReported() {
        assertReported(serviceDifferences(altered(SERVICE, "/$defs/serviceSettings/properties",
                p -> p.remove("serviceConnectConfiguration"))), "/serviceConnectConfiguration: AWS's CreateServiceRequest has this member, the schema lacks it");
        assertReported(taskDefinitionDifferences(altered(TASK_DEFINITION, "/$defs/containerDefinition/properties",
                p -> p.remove("stopTimeout")), TASK_DEFINITION), "/containerDefinitions[]/stopTimeout: AWS's ContainerDefinition has this member");
    }

    @Test
    void aNestedFieldRemovedFromTheSchemaIsReported() {
        assertReported(serviceDifferences(altered(SERVICE, "/$defs/serviceSettings/properties/deploymentConfiguration/properties",
                p -> p.remove("bakeTimeInMinutes"))), "/deploymentConfiguration/bakeTimeInMinutes: AWS's DeploymentConfiguration has this member");
    }

    @Test
    void aFieldAwsDoesNotHaveIsReported() {
        assertReported(serviceDifferences(altered(SERVICE, "/$defs/serviceSettings/properties",
                p -> p.putObject("platformFamily").put("type", "string"))), "/platformFamily: the schema accepts a field AWS's CreateServiceRequest does not have");
    }

    @Test
    void anEnumThatDiffersIsReported() {
        assertReported(serviceDifferences(altered(SERVICE, "/$defs/serviceSettings/properties/schedulingStrategy",
                p -> ((ArrayNode) p.get("enum")).remove(1))), "/schedulingStrategy: enum differs: AWS [DAEMON, REPLICA], schema [REPLICA]");
        assertReported(taskDefinitionDifferences(altered(TASK_DEFINITION, "/$defs/taskDefinitionFields/properties/networkMode",
                p -> ((ArrayNode) p.get("enum")).add("nat")), TASK_DEFINITION), "/networkMode: enum differs");
    }

    @Test
    void anUnboundedIntegerIsReported() {
        assertReported(serviceDifferences(altered(SERVICE, "/$defs/serviceSettings/properties/desiredCount",
                p -> p.remove("maximum"))), "/desiredCount: an Integer in AWS's model; the schema must bound it within 32 bits");
    }

    @Test
    void aTypeThatDiffersIsReported() {
        assertReported(taskDefinitionDifferences(altered(TASK_DEFINITION, "/$defs/containerDefinition/properties/essential",
                p -> p.put("type", "string")), TASK_DEFINITION), "/containerDefinitions[]/essential: type differs: AWS boolean, schema string");
    }

    @Test
    void anExceptionTheSchemaAcceptsAfterAllIsReported() {
        assertReported(serviceDifferences(altered(SERVICE, "/$defs/serviceSettings/properties",
                p -> p.putObject("cluster").put("type", "string"))), "/cluster: listed as set by Turnout, yet the schema accepts it");
    }

    @Test
    void everyExceptionHasAReason() {
        TurnoutOwnedFields.CREATE_SERVICE.forEach((field, reason) -> assertTrue(reason.length() > 20, field));
        assertEquals(java.util.Optional.of(TurnoutOwnedFields.CREATE_SERVICE.get("role")),
                TurnoutOwnedFields.explain(SERVICE_SETTINGS, "role"));
    }
}
