package io.turnout.cloud.contract;

import io.turnout.cloud.sim.SimRegion;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@link Infrastructure} through the simulator's set-up methods (no calls counted). */
record SimInfrastructure(SimRegion region) implements Infrastructure {
    @Override
    public void cluster(String name) {
        region.addCluster(name);
    }

    @Override
    public void targetGroup(String name, int port) {
        region.addTargetGroup(name, port, "HTTP", "ip");
    }

    @Override
    public void loadBalancer(String name) {
        region.addLoadBalancer(name, "application");
    }

    @Override
    public void listener(String loadBalancer, int port, String targetGroup) {
        region.addListener(loadBalancer, port, "HTTP", targetGroup);
    }

    @Override
    public void rule(String loadBalancer, int port, int priority, String pathPattern, String targetGroup) {
        region.addRule(loadBalancer, port, priority, pathPattern, targetGroup);
    }

    @Override
    public void privateZone(String name) {
        region.addHostedZone(name, true);
    }

    @Override
    public void namespace(String name) {
        region.addNamespace(name, "DNS_PRIVATE");
    }

    @Override
    public void cloudMapService(String namespace, String name) {
        region.addCloudMapService(namespace, name);
    }

    @Override
    public void codeDeployGroup(String application, String group, String cluster, String service, List<String> targetGroups,
                                String loadBalancer, int prodPort, int testPort) {
        region.addDeploymentGroup(application, group, cluster, service, targetGroups, loadBalancer, prodPort, testPort,
                "CodeDeployDefault.ECSAllAtOnce", Duration.ofMinutes(5), true);
    }

    @Override
    public void alarm(String name) {
        region.addAlarm(name, "OK");
    }

    @Override
    public JsonNode fargateSettings() {
        return JsonMapper.builder().build().readTree("""
                {"launchType": "FARGATE", "networkConfiguration": {"awsvpcConfiguration":
                  {"subnets": ["subnet-0a1b2c3d4e5f60001"], "securityGroups": ["sg-0a1b2c3d4e5f60010"]}}}""");
    }
}
