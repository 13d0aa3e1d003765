package io.turnout.cloud.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.TargetTrackingScalingPolicyConfiguration;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

// The SDK's Consumer<Builder>... overloads are generic varargs.
@SuppressWarnings("unchecked")
class SdkJsonTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A task definition using most shapes: nested objects, lists of objects, maps, enums, numbers, booleans. */
    private static final String TASK_DEFINITION = """
            {
              "family": "web",
              "taskRoleArn": "arn:aws:iam::222222222222:role/web-task",
              "executionRoleArn": "arn:aws:iam::222222222222:role/ecsTaskExecutionRole",
              "networkMode": "awsvpc",
              "containerDefinitions": [{
                "name": "web",
                "image": "public.ecr.aws/nginx/nginx:1.27",
                "cpu": 0,
                "essential": true,
                "portMappings": [{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp", "name": "http", "appProtocol": "http"}],
                "environment": [{"name": "LOG_LEVEL", "value": "info"}],
                "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:eu-west-1:222222222222:secret:db"}],
                "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "eu-west-1"}},
                "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"], "interval": 30, "retries": 3},
                "ulimits": [{"name": "nofile", "softLimit": 65536, "hardLimit": 65536}],
                "linuxParameters": {"initProcessEnabled": true},
                "dockerLabels": {"team": "shop"}
              }],
              "volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-1234", "transitEncryption": "ENABLED"}}],
              "requiresCompatibilities": ["FARGATE"],
              "cpu": "256",
              "memory": "512",
              "runtimePlatform": {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"},
              "ephemeralStorage": {"sizeInGiB": 30},
              "tags": [{"key": "team", "value": "shop"}]
            }""";

    @Test
    void taskDefinitionRoundTripsThroughTheSdkRequestUnchanged() {
        JsonNode input = JSON.readTree(TASK_DEFINITION);
        RegisterTaskDefinitionRequest request = SdkJson.fromJson(input, RegisterTaskDefinitionRequest.builder(), "taskDefinition");

        // the SDK model really holds the values, typed
        assertEquals("web", request.family());
        assertEquals(8080, request.containerDefinitions().getFirst().portMappings().getFirst().containerPort());
        assertEquals(TransportProtocol.TCP, request.containerDefinitions().getFirst().portMappings().getFirst().protocol());
        assertEquals("/ecs/web", request.containerDefinitions().getFirst().logConfiguration().options().get("awslogs-group"));
        assertEquals(30, request.ephemeralStorage().sizeInGiB());

        assertEquals(input, SdkJson.toJson(request));
    }

    @Test
    void unsetMembersAreOmittedButEmptyListsAwsReturnedStay() {
        TaskDefinition td = TaskDefinition.builder().family("web").volumes(List.of())
                .registeredAt(Instant.parse("2025-03-01T10:00:00Z")).build();
        ObjectNode json = SdkJson.toJson(td);
        assertEquals(JSON.readTree("""
                {"family": "web", "volumes": [], "registeredAt": "2025-03-01T10:00:00Z"}"""), json);
        assertFalse(json.has("containerDefinitions"));
    }

    @Test
    void timestampsReadFromIsoTextOrEpochSeconds() {
        TaskDefinition fromIso = SdkJson.fromJson(JSON.readTree("{\"registeredAt\": \"2025-03-01T10:00:00.5Z\"}"),
                TaskDefinition.builder(), "td");
        TaskDefinition fromEpoch = SdkJson.fromJson(JSON.readTree("{\"registeredAt\": 1740823200.5}"),
                TaskDefinition.builder(), "td");
        assertEquals(Instant.parse("2025-03-01T10:00:00.5Z"), fromIso.registeredAt());
        assertEquals(fromIso.registeredAt(), fromEpoch.registeredAt());
    }

    @Test
    void numbersAreAcceptedForStringMembersAsYamlAuthorsWriteThem() {
        RegisterTaskDefinitionRequest r = SdkJson.fromJson(JSON.readTree("{\"family\": \"web\", \"cpu\": 256, \"memory\": 512}"),
                RegisterTaskDefinitionRequest.builder(), "taskDefinition");
        assertEquals("256", r.cpu());
        assertEquals("512", r.memory());
    }

    @Test
    void unknownMemberNamesThePathAndSuggestsTheRightCase() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SdkJson.fromJson(
                JSON.readTree("{\"family\": \"web\", \"containerDefinitions\": [{\"name\": \"web\", \"PortMappings\": []}]}"),
                RegisterTaskDefinitionRequest.builder(), "taskDefinition"));
        assertEquals("taskDefinition.containerDefinitions[0]: unknown member 'PortMappings' (AWS model ContainerDefinition)."
                + " Did you mean 'portMappings'? Member names are case-sensitive.", e.getMessage());
    }

    @Test
    void wrongTypeNamesThePathAndWhatWasExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SdkJson.fromJson(
                JSON.readTree("{\"containerDefinitions\": [{\"portMappings\": [{\"containerPort\": \"http\"}]}]}"),
                RegisterTaskDefinitionRequest.builder(), "taskDefinition"));
        assertEquals("taskDefinition.containerDefinitions[0].portMappings[0].containerPort: expected a whole number, got string \"http\"",
                e.getMessage());
    }

    @Test
    void serviceSettingsApplyOntoCreateServiceInCamelCase() {
        JsonNode settings = JSON.readTree("""
                {"launchType": "FARGATE",
                 "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1", "subnet-2"], "securityGroups": ["sg-1"], "assignPublicIp": "DISABLED"}},
                 "deploymentConfiguration": {"maximumPercent": 200, "minimumHealthyPercent": 100,
                                             "deploymentCircuitBreaker": {"enable": true, "rollback": true}},
                 "enableExecuteCommand": true}""");
        CreateServiceRequest.Builder b = CreateServiceRequest.builder();
        SdkJson.apply(settings, b, "service");
        CreateServiceRequest r = b.serviceName("web--a").build();
        assertEquals(LaunchType.FARGATE, r.launchType());
        assertEquals(AssignPublicIp.DISABLED, r.networkConfiguration().awsvpcConfiguration().assignPublicIp());
        assertTrue(r.deploymentConfiguration().deploymentCircuitBreaker().rollback());
        assertEquals("web--a", r.serviceName());
    }

    @Test
    void describedServiceSettingsKeepOnlyCreateServiceMembersTurnoutDoesNotOwn() {
        Service s = Service.builder().serviceName("web--a").serviceArn("arn:aws:ecs:eu-west-1:1:service/production/web--a")
                .clusterArn("arn:aws:ecs:eu-west-1:1:cluster/production").status("ACTIVE")
                .taskDefinition("arn:aws:ecs:eu-west-1:1:task-definition/web:3").desiredCount(2).runningCount(2)
                .launchType(LaunchType.FARGATE).platformVersion("LATEST").schedulingStrategy("REPLICA")
                .events(ServiceEvent.builder().message("steady").build()).createdAt(Instant.EPOCH)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1").assignPublicIp("DISABLED")))
                .tags(t -> t.key("BG_VERSION").value("BLUE"))
                .build();
        var info = AwsEcs.info(s);
        assertEquals(JSON.readTree("""
                {"launchType": "FARGATE", "platformVersion": "LATEST", "schedulingStrategy": "REPLICA",
                 "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"], "assignPublicIp": "DISABLED"}}}"""),
                info.settings());
        assertEquals("BLUE", info.tags().get("BG_VERSION"));
        assertEquals(2, info.desiredCount());
    }

    @Test
    void scalingPolicyConfigurationUsesAutoScalingsPascalCase() {
        JsonNode config = JSON.readTree("""
                {"TargetValue": 60.0, "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"},
                 "ScaleInCooldown": 300, "DisableScaleIn": false}""");
        TargetTrackingScalingPolicyConfiguration c = SdkJson.fromJson(config, TargetTrackingScalingPolicyConfiguration.builder(), "cfg");
        assertEquals(60.0, c.targetValue());
        assertEquals(300, c.scaleInCooldown());
        assertEquals(config, SdkJson.toJson(c));
    }

    @Test
    void jsonNullLeavesTheMemberUnset() {
        RegisterTaskDefinitionRequest r = SdkJson.fromJson(JSON.readTree("{\"family\": \"web\", \"taskRoleArn\": null}"),
                RegisterTaskDefinitionRequest.builder(), "taskDefinition");
        assertNull(r.taskRoleArn());
    }
}
