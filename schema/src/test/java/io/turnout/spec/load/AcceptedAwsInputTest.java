package io.turnout.spec.load;

import static io.turnout.spec.load.Fixtures.assertValid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.spec.ServiceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Valid AWS input that Turnout used to refuse validates (issue 11, item 1). */
class AcceptedAwsInputTest {
    @Test
    void theFargateWorkerIsValid() {
        assertValid(Workers.fargate());
    }

    /** AWS's ECS Exec example writes ".25 vcpu"; AWS documents both cases of vCPU and GB, with or without a space. */
    @ParameterizedTest(name = "cpu {0}, memory {1}")
    @CsvSource({".25 vcpu,.5 gb", ".25 vCPU,.5 GB", "0.25 vCPU,0.5GB", "256,1 GB", "1 vcpu,2048", "1vCPU,3 GB", "2 vCPU,16 GB"})
    void taskSizesInUnitsValidate(String cpu, String memory) {
        assertValid(Workers.taskDefinition("\"cpu\": \"256\",\n  \"memory\": \"512\"", "\"cpu\": \"" + cpu + "\",\n  \"memory\": \"" + memory + "\""));
    }

    @Test
    void rollingStrategyAndBakeTimeAsEcsReportsThemValidate() {
        assertValid(Workers.settings("""
                    deploymentConfiguration:
                      strategy: ROLLING
                      bakeTimeInMinutes: 0
                      maximumPercent: 200
                      minimumHealthyPercent: 100
                      deploymentCircuitBreaker: {enable: true, rollback: true}
                """));
    }

    @Test
    void serviceConnectValidatesForARollingService() {
        assertValid(Workers.settings("""
                    serviceConnectConfiguration:
                      enabled: true
                      namespace: bluegreen.local
                      services:
                        - portName: http
                          discoveryName: worker
                          clientAliases: [{port: 80, dnsName: worker}]
                """));
    }

    @Test
    void serviceConnectAsAClientOnlyValidatesUnderBlueGreen() {
        assertValid(Fixtures.repo().with("services/web/service.yaml", Fixtures.WEB.replace("    desiredCount: 2",
                "    desiredCount: 2\n    serviceConnectConfiguration: {enabled: true, namespace: shop.local}")));
    }

    @Test
    void managedEbsVolumesConfiguredAtLaunchValidate() {
        assertValid(Workers.repo(Workers.FARGATE_TASK_DEFINITION.replace("\"containerDefinitions\": [", """
                "volumes": [{"name": "data", "configuredAtLaunch": true}],
                  "containerDefinitions": [""").replace("\"portMappings\"", "\"mountPoints\": [{\"sourceVolume\": \"data\", \"containerPath\": \"/data\"}], \"portMappings\""),
                Workers.FARGATE_SETTINGS + """
                    volumeConfigurations:
                      - name: data
                        managedEBSVolume:
                          roleArn: arn:aws:iam::111111111111:role/ecsInfrastructureRole
                          sizeInGiB: 20
                          volumeType: gp3
                          filesystemType: ext4
                """));
    }

    @Test
    void vpcLatticeValidatesForARollingService() {
        assertValid(Workers.settings("""
                    vpcLatticeConfigurations:
                      - roleArn: arn:aws:iam::111111111111:role/ecsInfrastructureRole
                        targetGroupArn: arn:aws:vpc-lattice:eu-west-1:111111111111:targetgroup/tg-0123456789abcdef0
                        portName: http
                """));
    }

    @Test
    void aDaemonValidatesAsARollingServiceOnEc2() {
        assertValid(Workers.repo("""
                {"family": "worker", "networkMode": "host", "requiresCompatibilities": ["EC2"], "memory": "512",
                 "containerDefinitions": [{"name": "worker", "image": "nginx:latest"}]}
                """, """
                    launchType: EC2
                    schedulingStrategy: DAEMON
                    deploymentConfiguration: {maximumPercent: 100, minimumHealthyPercent: 0}
                """));
    }

    /** What tools dump and carries no information is accepted and left out of the model (Turnout sets it). */
    @Test
    void emptyOwnedFieldsValidateAndAreDropped() {
        LoadResult result = Fixtures.load(Workers.settings("""
                    deploymentController: {type: ECS}
                    loadBalancers: []
                    serviceRegistries: []
                """));
        assertTrue(result.isValid(), () -> Fixtures.describe(result.problems()));
        ServiceSpec worker = result.tree().orElseThrow().services().stream().filter(s -> s.name().equals("worker")).findFirst().orElseThrow();
        JsonNode service = worker.service();
        assertFalse(service.has("deploymentController") || service.has("loadBalancers") || service.has("serviceRegistries"), service.toString());
        assertEquals("FARGATE", service.path("launchType").asString());
    }

    @Test
    void serviceSettingsComeFromAFileNextToTheSpec() {
        MemorySpecFiles files = Workers.fargate()
                .with(Workers.SPEC, Workers.spec("    file: worker.service.json\n", "rolling: {}"))
                .with("services/worker/worker.service.json", """
                        {"desiredCount": 3, "launchType": "FARGATE",
                         "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0a1b2c3d4e5f60001"]}},
                         "deploymentController": {"type": "ECS"}, "loadBalancers": []}
                        """);
        LoadResult result = Fixtures.load(files);
        assertTrue(result.isValid(), () -> Fixtures.describe(result.problems()));
        ServiceSpec worker = result.tree().orElseThrow().services().stream().filter(s -> s.name().equals("worker")).findFirst().orElseThrow();
        assertEquals(3, worker.service().path("desiredCount").asInt());
        assertFalse(worker.service().has("loadBalancers"));
    }

    @Test
    void realWorldEcspressoDumpValidatesAsAServiceFile() {
        // ecspresso's dump of a 2025 service (svc03 of the real-world set), Turnout-owned fields left out
        MemorySpecFiles files = Workers.fargate()
                .with(Workers.SPEC, Workers.spec("    file: ecs-service-def.json\n", "rolling: {}"))
                .with("services/worker/ecs-service-def.json", """
                        {
                          "availabilityZoneRebalancing": "ENABLED",
                          "deploymentConfiguration": {
                            "bakeTimeInMinutes": 0,
                            "deploymentCircuitBreaker": {"enable": true, "rollback": true},
                            "maximumPercent": 200,
                            "minimumHealthyPercent": 100,
                            "strategy": "ROLLING"
                          },
                          "deploymentController": {"type": "ECS"},
                          "desiredCount": 1,
                          "enableECSManagedTags": true,
                          "enableExecuteCommand": true,
                          "launchType": "FARGATE",
                          "networkConfiguration": {"awsvpcConfiguration": {"assignPublicIp": "DISABLED",
                            "securityGroups": ["sg-0a1b2c3d4e5f60040"], "subnets": ["subnet-0a1b2c3d4e5f60001"]}},
                          "platformVersion": "LATEST",
                          "propagateTags": "SERVICE",
                          "schedulingStrategy": "REPLICA"
                        }
                        """);
        assertValid(files);
    }
}
