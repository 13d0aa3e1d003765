package io.turnout.cloud.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.TaskDefinitionInfo;
import io.turnout.diff.Change;
import io.turnout.diff.Differ;
import io.turnout.diff.Normalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The normalizer fed by real response shapes: each folder under {@code aws-responses/} holds a
 * spec as a user writes it and ECS's answer for it (written from the API reference, or captured
 * from moto; see the README there). The answer is parsed into the SDK's response objects and
 * converted exactly as {@link AwsEcs} converts what the SDK returns; an unchanged spec must show
 * no difference, and a real change must show as exactly that change.
 */
class AwsResponseNormalizationTest {
    private static final YAMLMapper YAML = YAMLMapper.builder().build(); // JSON is YAML too

    static JsonNode resource(String path) {
        try (InputStream in = AwsResponseNormalizationTest.class.getResourceAsStream("/aws-responses/" + path)) {
            if (in == null) throw new IllegalStateException("no test resource aws-responses/" + path);
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** DescribeTaskDefinition's answer as the gateway hands it to the reader. */
    static TaskDefinitionInfo liveTaskDefinition(String folder) {
        DescribeTaskDefinitionResponse response = SdkJson.fromJson(resource(folder + "/describe-task-definition.json"),
                DescribeTaskDefinitionResponse.builder(), "DescribeTaskDefinition response");
        return AwsEcs.info(response.taskDefinition());
    }

    /** The first service of DescribeServices' answer as the gateway hands it to the reader. */
    static EcsServiceInfo liveService(String folder) {
        DescribeServicesResponse response = SdkJson.fromJson(resource(folder + "/describe-services.json"),
                DescribeServicesResponse.builder(), "DescribeServices response");
        return AwsEcs.info(response.services().getFirst());
    }

    static List<Change> taskDefinitionDiff(String folder, JsonNode spec) {
        return Differ.diff("taskDefinition", Normalizer.taskDefinition(liveTaskDefinition(folder).definition()),
                Normalizer.taskDefinition(spec));
    }

    static List<Change> serviceDiff(String folder, JsonNode spec) {
        return Differ.diff("service", Normalizer.serviceSettings(liveService(folder).settings()),
                Normalizer.serviceSettings(spec));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fargate-web", "ec2-bridge-worker", "moto-web"})
    void unchangedTaskDefinitionGivesNoDiff(String folder) {
        TaskDefinitionInfo live = liveTaskDefinition(folder);
        JsonNode spec = resource(folder + "/spec-taskdef.json");
        assertEquals(spec.path("family").asString(), live.family());
        assertEquals("ACTIVE", live.status());
        assertEquals(List.of(), taskDefinitionDiff(folder, spec));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fargate-web", "ec2-bridge-worker", "moto-web"})
    void unchangedServiceGivesNoDiff(String folder) {
        EcsServiceInfo live = liveService(folder);
        JsonNode spec = resource(folder + "/spec-service.yaml");
        // desired count and tags are not settings: the planner compares them on their own
        assertEquals(spec.path("desiredCount").asInt(), live.desiredCount());
        for (JsonNode tag : spec.path("tags")) {
            assertEquals(tag.path("value").asString(), live.tags().get(tag.path("key").asString()), live.tags().toString());
        }
        assertTrue(live.steady() || folder.startsWith("moto"), "a settled service: " + live.deployments());
        assertEquals(List.of(), serviceDiff(folder, spec));
    }

    /** A real change in the spec against the same answer: it must show, as exactly that change. */
    static Stream<Arguments> taskDefinitionChanges() {
        return Stream.of(
                change("fargate-web", "new image", c -> container(c, "web").put("image", "public.ecr.aws/nginx/nginx:1.28"),
                        "taskDefinition/containerDefinitions[web]/image"),
                change("fargate-web", "changed variable", c -> variable(container(c, "web"), "LOG_LEVEL").put("value", "debug"),
                        "taskDefinition/containerDefinitions[web]/environment[LOG_LEVEL]/value"),
                change("fargate-web", "health check interval other than AWS's default",
                        c -> ((ObjectNode) container(c, "web").get("healthCheck")).put("interval", 10),
                        "taskDefinition/containerDefinitions[web]/healthCheck/interval"),
                change("ec2-bridge-worker", "new image", c -> container(c, "worker").put("image", "worker:2.5.0"),
                        "taskDefinition/containerDefinitions[worker]/image"),
                change("ec2-bridge-worker", "fixed host port instead of a dynamic one",
                        c -> ((ObjectNode) container(c, "worker").get("portMappings").get(0)).put("hostPort", 9090),
                        "taskDefinition/containerDefinitions[worker]/portMappings[9090]/hostPort"),
                change("moto-web", "new image", c -> container(c, "web").put("image", "public.ecr.aws/nginx/nginx:1.28"),
                        "taskDefinition/containerDefinitions[web]/image"),
                change("moto-web", "changed variable", c -> variable(container(c, "web"), "API_URL").put("value", "https://x"),
                        "taskDefinition/containerDefinitions[web]/environment[API_URL]/value"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("taskDefinitionChanges")
    void realTaskDefinitionChangesShow(String folder, String why, Consumer<ObjectNode> edit, String path) {
        ObjectNode spec = (ObjectNode) resource(folder + "/spec-taskdef.json");
        edit.accept(spec);
        assertEquals(List.of(path), taskDefinitionDiff(folder, spec).stream().map(Change::path).toList(), why);
    }

    static Stream<Arguments> serviceChanges() {
        return Stream.of(
                change("fargate-web", "public IP", s -> ((ObjectNode) s.at("/networkConfiguration/awsvpcConfiguration"))
                        .put("assignPublicIp", "ENABLED"), "service/networkConfiguration/awsvpcConfiguration/assignPublicIp"),
                change("fargate-web", "circuit breaker without rollback",
                        s -> ((ObjectNode) s.at("/deploymentConfiguration/deploymentCircuitBreaker")).put("rollback", false),
                        "service/deploymentConfiguration/deploymentCircuitBreaker/rollback"),
                change("ec2-bridge-worker", "execute command off", s -> s.put("enableExecuteCommand", false),
                        "service/enableExecuteCommand"),
                change("moto-web", "tags propagated from the task definition", s -> s.put("propagateTags", "TASK_DEFINITION"),
                        "service/propagateTags"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("serviceChanges")
    void realServiceChangesShow(String folder, String why, Consumer<ObjectNode> edit, String path) {
        ObjectNode spec = (ObjectNode) resource(folder + "/spec-service.yaml");
        edit.accept(spec);
        assertEquals(List.of(path), serviceDiff(folder, spec).stream().map(Change::path).toList(), why);
    }

    private static Arguments change(String folder, String why, Consumer<ObjectNode> edit, String path) {
        return Arguments.of(folder, why, edit, path);
    }

    private static ObjectNode container(ObjectNode taskDefinition, String name) {
        for (JsonNode c : taskDefinition.get("containerDefinitions")) {
            if (c.path("name").asString().equals(name)) return (ObjectNode) c;
        }
        throw new IllegalArgumentException("no container " + name);
    }

    private static ObjectNode variable(ObjectNode container, String name) {
        for (JsonNode v : (ArrayNode) container.get("environment")) {
            if (v.path("name").asString().equals(name)) return (ObjectNode) v;
        }
        throw new IllegalArgumentException("no variable " + name);
    }
}
