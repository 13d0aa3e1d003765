package io.turnout.apply;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Specs and a simulated world for adopting services another tool left behind: account
 * 222222222222 in eu-west-1, cluster production, load balancer shop-alb with a prod listener
 * :443 and a stage listener :8443, target groups web-blue-tg and web-green-tg (port 8080),
 * task definition web:1 (nginx 1.27) and whatever ECS services a test puts there.
 */
final class AdoptionWorld {
    static final String ENVIRONMENT = """
            apiVersion: turnout/v1
            kind: Environment
            metadata: {name: production}
            spec:
              aws: {region: eu-west-1, accountId: "222222222222"}
              cluster: production
              deployment:
                steadyStateTimeout: 10m
                verification: {healthyTargets: true, bakeTime: 30s}
                downsizeOldSlot: true
                downsizeDelay: 1m
            """;

    static final String TASK_DEFINITION = """
            {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
             "containerDefinitions": [{"name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "essential": true,
               "portMappings": [{"containerPort": 8080, "protocol": "tcp"}]}]}
            """;

    static final String SETTINGS = """
              service:
                desiredCount: 2
                launchType: FARGATE
                networkConfiguration:
                  awsvpcConfiguration: {subnets: [subnet-0a1b2c3d4e5f60001], securityGroups: [sg-0a1b2c3d4e5f60010]}
            """;

    private AdoptionWorld() {}

    /**
     * A world whose prod listener forwards to {@code prodGroup} and stage listener to
     * {@code stageGroup}; {@code services} is the YAML list of its ECS services (8 spaces in).
     */
    static String world(String prodGroup, String stageGroup, String services) {
        return """
                apiVersion: turnout/v1
                kind: SimulatedWorld
                metadata: {name: adoption}
                spec:
                  regions:
                    - account: "222222222222"
                      region: eu-west-1
                      clusters: [production]
                      targetGroups:
                        - {name: web-blue-tg, port: 8080, protocol: HTTP, targetType: ip}
                        - {name: web-green-tg, port: 8080, protocol: HTTP, targetType: ip}
                      loadBalancers:
                        - name: shop-alb
                          type: application
                          listeners:
                            - {port: 443, protocol: HTTPS, defaultTargetGroup: %s}
                            - {port: 8443, protocol: HTTPS, defaultTargetGroup: %s}
                      taskDefinitions:
                        - %s
                      services:
                %s
                """.formatted(prodGroup, stageGroup, TASK_DEFINITION.strip().replace("\n", "\n            "), services);
    }

    /** One ECS service of the world: {@code count} tasks of web:1 in {@code group}, FARGATE in one subnet. */
    static String service(String name, int count, String group) {
        return """
                        - name: %s
                          cluster: production
                          taskDefinition: web:1
                          desiredCount: %d
                          loadBalancers: [{targetGroup: %s, containerName: web, containerPort: 8080}]
                          settings:
                            launchType: FARGATE
                            networkConfiguration:
                              awsvpcConfiguration: {subnets: [subnet-0a1b2c3d4e5f60001], securityGroups: [sg-0a1b2c3d4e5f60010]}
                """.formatted(name, count, group);
    }

    /** A spec folder with the environment, web's task definition and web's spec with {@code strategy} (4 spaces in). */
    static Path specs(Path dir, String strategy) {
        write(dir.resolve("environments/production.yaml"), ENVIRONMENT);
        write(dir.resolve("services/web/web.taskdef.json"), TASK_DEFINITION);
        write(dir.resolve("services/web/service.yaml"), """
                apiVersion: turnout/v1
                kind: Service
                metadata: {name: web}
                spec:
                  environments: [production]
                  taskDefinition: {file: web.taskdef.json}
                %s  strategy:
                %s""".formatted(SETTINGS, strategy.indent(4)));
        return dir;
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
