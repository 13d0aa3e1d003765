package io.turnout.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.diff.Normalizer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** What import makes of AWS's answers and of tools' dumps: the requests a person would write, meaning the same. */
class CleanupTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void aDescribedTaskDefinitionLosesWhatOnlyAnswersCarryButMeansTheSame() {
        JsonNode described = json("""
                {"taskDefinition": {"taskDefinitionArn": "arn:aws:ecs:eu-west-1:1:task-definition/web:3", "family": "web",
                  "revision": 3, "status": "ACTIVE", "compatibilities": ["EC2", "FARGATE"], "requiresAttributes": [{"name": "x"}],
                  "registeredAt": "2025-01-01T00:00:00Z", "registeredBy": "arn:aws:sts::1:assumed-role/x",
                  "networkMode": "awsvpc", "volumes": [], "placementConstraints": [], "enableFaultInjection": false,
                  "cpu": "256", "memory": "512", "requiresCompatibilities": ["FARGATE"],
                  "containerDefinitions": [{"name": "web", "image": "nginx", "cpu": 0, "essential": true, "mountPoints": [],
                    "portMappings": [{"containerPort": 80, "hostPort": 80, "protocol": "tcp"}], "environment": [],
                    "secrets": [{"name": "DB", "valueFrom": "arn:aws:ssm:eu-west-1:1:parameter/db"}], "user": null}]},
                 "tags": [{"key": "team", "value": "shop"}]}""");
        ObjectNode request = TaskDefinitionCleanup.request(described);
        for (String field : new String[] {"taskDefinitionArn", "revision", "status", "compatibilities", "requiresAttributes",
                "registeredAt", "registeredBy", "volumes", "enableFaultInjection"}) {
            assertFalse(request.has(field), field + " in " + request);
        }
        JsonNode container = request.get("containerDefinitions").get(0);
        assertFalse(container.has("cpu") || container.has("essential") || container.has("user") || container.has("mountPoints"),
                container.toString());
        assertEquals("arn:aws:ssm:eu-west-1:1:parameter/db", container.at("/secrets/0/valueFrom").asString(), "secrets stay ARNs");
        assertEquals("team", request.at("/tags/0/key").asString(), "a wrapped answer's tags become the request's");
        assertEquals(Normalizer.taskDefinition(described.get("taskDefinition")), Normalizer.taskDefinition(request));
    }

    @Test
    void aRequestKeepsWhatItSaysButNotEmptyEnumValuesNullsOrEmptyLists() {
        JsonNode dumped = json("""
                {"family": "worker", "ipcMode": "", "pidMode": "", "networkMode": "awsvpc", "volumes": [],
                 "containerDefinitions": [{"name": "w", "image": "busybox", "cpu": 0, "essential": true,
                   "versionConsistency": "", "dockerLabels": {}, "environment": [{"name": "EMPTY", "value": ""}],
                   "command": ["sh", "-c", "echo ${HOME}"]}]}""");
        ObjectNode request = TaskDefinitionCleanup.request(dumped);
        assertFalse(request.has("ipcMode") || request.has("pidMode") || request.has("volumes"), request.toString());
        JsonNode container = request.get("containerDefinitions").get(0);
        assertEquals(0, container.get("cpu").asInt(), "a request keeps its own values, defaults or not");
        assertFalse(container.has("versionConsistency") || container.has("dockerLabels"), container.toString());
        assertEquals("", container.at("/environment/0/value").asString(), "an empty variable is a value, not an empty enum");
    }

    @Test
    void serviceSettingsKeepWhatASpecSetsAndDropOwnedAnswerOnlyAndDefaultFields() {
        JsonNode described = json("""
                {"serviceArn": "arn:x", "serviceName": "web", "clusterArn": "arn:c", "status": "ACTIVE", "desiredCount": 2,
                 "runningCount": 2, "taskDefinition": "arn:td", "loadBalancers": [{"targetGroupArn": "arn:tg"}],
                 "launchType": "FARGATE", "platformVersion": "LATEST", "platformFamily": "Linux", "events": [{"id": "1"}],
                 "deploymentConfiguration": {"maximumPercent": 200, "minimumHealthyPercent": 50,
                   "deploymentCircuitBreaker": {"enable": false, "rollback": false}, "strategy": "ROLLING",
                   "alarms": {"alarmNames": [], "enable": false, "rollback": false}},
                 "schedulingStrategy": "REPLICA", "enableECSManagedTags": false, "propagateTags": "NONE",
                 "deploymentController": {"type": "ECS"}, "roleArn": "arn:role",
                 "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"], "assignPublicIp": "DISABLED"}},
                 "tags": [{"key": "team", "value": "shop"}, {"key": "turnout:service", "value": "web"},
                   {"key": "BG_VERSION", "value": "BLUE"}]}""");
        ObjectNode settings = ServiceSettingsCleanup.settings(described, true);
        assertEquals(json("""
                {"launchType": "FARGATE", "deploymentConfiguration": {"minimumHealthyPercent": 50},
                 "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"]}}}"""), settings);
        assertEquals(Normalizer.serviceSettings(described), Normalizer.serviceSettings(settings));
        assertEquals(json("[{\"key\": \"team\", \"value\": \"shop\"}]"), ServiceSettingsCleanup.tags(described));
        assertTrue(ServiceSettingsCleanup.settings(json("{\"launchType\": \"\", \"desiredCount\": 1}"), false).isEmpty(),
                "an empty launch type (ecspresso's dump) is no launch type");
    }
}
