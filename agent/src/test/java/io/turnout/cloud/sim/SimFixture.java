package io.turnout.cloud.sim;

import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.CreateServiceRequest;
import io.turnout.cloud.LoadBalancerBinding;
import io.turnout.cloud.TargetGroupInfo;
import io.turnout.cloud.TaskDefinitionInfo;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** A production partition like the example world's, and helpers to create services in it. */
final class SimFixture {
    static final String ACCOUNT = "222222222222";
    static final String REGION = "eu-west-1";
    static final ObjectMapper JSON = JsonMapper.builder().build();

    final ManualClock clock = new ManualClock();
    final SimulatedCloud cloud = new SimulatedCloud(clock);
    final SimRegion region = cloud.region(ACCOUNT, REGION);
    final CloudGateway gw = region.gateway();

    SimFixture() {
        region.addCluster("production")
                .addTargetGroup("web-a", 8080, "HTTP", "ip").addTargetGroup("web-b", 8080, "HTTP", "ip")
                .addTargetGroup("api-a", 9000, "HTTP", "ip").addTargetGroup("api-b", 9000, "HTTP", "ip")
                .addTargetGroup("loose", 8080, "HTTP", "ip").addTargetGroup("inst", 8080, "HTTP", "instance")
                .addLoadBalancer("shop-alb", "application")
                .addListener("shop-alb", 443, "HTTPS", "web-a").addListener("shop-alb", 8443, "HTTPS", "web-b")
                .addListener("shop-alb", 80, "HTTP", "inst")
                .addRule("shop-alb", 443, 10, "/api/*", "api-a").addRule("shop-alb", 8443, 10, "/api/*", "api-b")
                .addHostedZone("internal.shop.example.", true)
                .addNamespace("svc.shop.local", "DNS_PRIVATE")
                .addCloudMapService("svc.shop.local", "catalog-a").addCloudMapService("svc.shop.local", "catalog-b");
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static JsonNode webTaskDefinition(String image) {
        return json("""
                {"family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": 256, "memory": "512",
                 "containerDefinitions": [{"name": "web", "image": "%s",
                   "portMappings": [{"containerPort": 8080}],
                   "environment": [{"name": "LOG_LEVEL", "value": "info"}]}]}
                """.formatted(image));
    }

    static JsonNode fargateSettings() {
        return json("""
                {"launchType": "FARGATE", "networkConfiguration": {"awsvpcConfiguration":
                  {"subnets": ["subnet-b", "subnet-a"], "securityGroups": ["sg-1"]}}}
                """);
    }

    TaskDefinitionInfo registerWeb(String image) {
        return gw.ecs().registerTaskDefinition(webTaskDefinition(image), Map.of());
    }

    String targetGroupArn(String name) {
        return region.locked(() -> region.elbState.targetGroups.get(name).arn);
    }

    TargetGroupInfo targetGroup(String name) {
        return gw.elb().describeTargetGroups(List.of(name)).getFirst();
    }

    CreateServiceRequest webService(String name, String taskDefinitionArn, int desired, String targetGroup, JsonNode settings) {
        return new CreateServiceRequest("production", name, taskDefinitionArn, desired,
                List.of(new LoadBalancerBinding(targetGroupArn(targetGroup), "web", 8080)), List.of(), settings,
                Map.of("turnout:service", "web"));
    }
}
