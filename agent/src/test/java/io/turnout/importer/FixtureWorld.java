package io.turnout.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live state the import fixtures describe, as a simulated world: cluster shop in
 * 222222222222/eu-west-1, shop-web behind shop-web-tg (one listener: no stage, so rolling) on
 * the task definition of describe-task-definition.json, shop-worker as ecspresso deployed it,
 * shop-api as create-service.yaml created it.
 */
final class FixtureWorld {
    private FixtureWorld() {}

    static String text() {
        JsonNode described;
        try {
            described = JsonMapper.builder().build().readTree(Files.readString(
                    ImportRoundTripTest.FIXTURES.resolve("describe-task-definition.json"))).get("taskDefinition");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return """
                apiVersion: turnout/v1
                kind: SimulatedWorld
                metadata: {name: import-fixtures}
                spec:
                  regions:
                    - account: "222222222222"
                      region: eu-west-1
                      clusters: [shop]
                      targetGroups:
                        - {name: shop-web-tg, port: 8080, protocol: HTTP, targetType: ip}
                      loadBalancers:
                        - name: shop-alb
                          listeners:
                            - {port: 443, protocol: HTTPS, defaultTargetGroup: shop-web-tg}
                      taskDefinitions:
                        - %s
                        - family: shop-worker
                          executionRoleArn: arn:aws:iam::222222222222:role/ecsTaskExecutionRole
                          taskRoleArn: arn:aws:iam::222222222222:role/shop-worker-task
                          networkMode: awsvpc
                          requiresCompatibilities: [FARGATE]
                          cpu: "256"
                          memory: "512"
                          runtimePlatform: {cpuArchitecture: ARM64, operatingSystemFamily: LINUX}
                          containerDefinitions:
                            - name: worker
                              image: 222222222222.dkr.ecr.eu-west-1.amazonaws.com/shop-worker:2025.03.01
                              essential: true
                              environment: [{name: QUEUE_URL, value: "https://sqs.eu-west-1.amazonaws.com/222222222222/shop-orders"}]
                              logConfiguration:
                                logDriver: awslogs
                                options: {awslogs-group: /ecs/shop-worker, awslogs-region: eu-west-1, awslogs-stream-prefix: worker}
                        - family: shop-api
                          networkMode: awsvpc
                          requiresCompatibilities: [FARGATE]
                          cpu: "512"
                          memory: "1024"
                          executionRoleArn: arn:aws:iam::222222222222:role/ecsTaskExecutionRole
                          containerDefinitions:
                            - name: api
                              image: 222222222222.dkr.ecr.eu-west-1.amazonaws.com/shop-api:2025.02.28
                              essential: true
                              portMappings: [{containerPort: 9000, protocol: tcp}]
                              secrets: [{name: API_KEY, valueFrom: "arn:aws:ssm:eu-west-1:222222222222:parameter/shop/api-key"}]
                      services:
                        - name: shop-web
                          cluster: shop
                          taskDefinition: shop-web:7
                          desiredCount: 2
                          loadBalancers: [{targetGroup: shop-web-tg, containerName: web, containerPort: 8080}]
                          tags: {team: shop}
                          settings:
                            launchType: FARGATE
                            platformVersion: LATEST
                            healthCheckGracePeriodSeconds: 30
                            availabilityZoneRebalancing: ENABLED
                            deploymentConfiguration:
                              deploymentCircuitBreaker: {enable: true, rollback: true}
                            networkConfiguration:
                              awsvpcConfiguration:
                                subnets: [subnet-0b7c2ac4e3a6d9f11, subnet-04e8d3a1f2b6c7a22]
                                securityGroups: [sg-0c5a2e7d3b9f14a33]
                        - name: shop-worker
                          cluster: shop
                          taskDefinition: shop-worker
                          desiredCount: 1
                          tags: {team: shop}
                          settings:
                            capacityProviderStrategy: [{capacityProvider: FARGATE_SPOT, base: 0, weight: 1}]
                            platformVersion: LATEST
                            enableECSManagedTags: true
                            enableExecuteCommand: true
                            propagateTags: SERVICE
                            deploymentConfiguration:
                              minimumHealthyPercent: 50
                              deploymentCircuitBreaker: {enable: true, rollback: true}
                            networkConfiguration:
                              awsvpcConfiguration:
                                subnets: [subnet-0b7c2ac4e3a6d9f11, subnet-04e8d3a1f2b6c7a22]
                                securityGroups: [sg-0c5a2e7d3b9f14a33]
                                assignPublicIp: DISABLED
                        - name: shop-api
                          cluster: shop
                          taskDefinition: shop-api
                          desiredCount: 3
                          tags: {team: shop}
                          settings:
                            launchType: FARGATE
                            platformVersion: LATEST
                            propagateTags: TASK_DEFINITION
                            deploymentConfiguration:
                              maximumPercent: 150
                              deploymentCircuitBreaker: {enable: true, rollback: true}
                            networkConfiguration:
                              awsvpcConfiguration:
                                subnets: [subnet-0b7c2ac4e3a6d9f11, subnet-04e8d3a1f2b6c7a22]
                                securityGroups: [sg-0c5a2e7d3b9f14a33]
                """.formatted(described.toString());
    }
}
