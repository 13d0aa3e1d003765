package io.turnout.cloud.sim;

import io.turnout.cloud.CloudException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parts of an ECS AppSpec (CreateDeployment's AppSpecContent) the simulated CodeDeploy
 * acts on: the target service's task definition, the container and port the load balancer sends
 * to, and the lifecycle hooks. Anything malformed is refused as CodeDeploy refuses it.
 */
record AppSpec(String taskDefinition, String containerName, int containerPort, Map<String, String> hooks) {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The events an ECS AppSpec may hook (Install, AllowTestTraffic and AllowTraffic are CodeDeploy's own). */
    static final List<String> HOOK_EVENTS = List.of("BeforeInstall", "AfterInstall", "AfterAllowTestTraffic",
            "BeforeAllowTraffic", "AfterAllowTraffic");

    static AppSpec parse(String content, String op) {
        JsonNode spec;
        try {
            spec = JSON.readTree(content);
        } catch (JacksonException e) {
            throw invalid(op, "The AppSpec is not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode target = spec.path("Resources").path(0).path("TargetService");
        if (!"AWS::ECS::Service".equals(target.path("Type").asString(""))) {
            throw invalid(op, "The AppSpec names no Resources[0].TargetService of Type AWS::ECS::Service");
        }
        JsonNode props = target.path("Properties");
        JsonNode lb = props.path("LoadBalancerInfo");
        if (!props.path("TaskDefinition").isString() || !lb.path("ContainerName").isString() || !lb.path("ContainerPort").isNumber()) {
            throw invalid(op, "The AppSpec's TargetService needs TaskDefinition and LoadBalancerInfo {ContainerName, ContainerPort}");
        }
        Map<String, String> hooks = new LinkedHashMap<>();
        for (JsonNode hook : spec.path("Hooks")) {
            hook.properties().forEach(e -> {
                if (!HOOK_EVENTS.contains(e.getKey())) {
                    throw invalid(op, "The AppSpec hook " + e.getKey() + " is not a lifecycle event of an ECS deployment: "
                            + String.join(", ", HOOK_EVENTS));
                }
                hooks.put(e.getKey(), e.getValue().asString());
            });
        }
        return new AppSpec(props.path("TaskDefinition").asString(), lb.path("ContainerName").asString(),
                lb.path("ContainerPort").asInt(), hooks);
    }

    /** The container must be in the task definition and map the port, as CodeDeploy checks before it starts. */
    void checkContainer(SimTaskDefinitions.Revision td, String op) {
        for (JsonNode c : td.definition().path("containerDefinitions")) {
            if (!containerName.equals(c.path("name").asString())) continue;
            for (JsonNode pm : c.path("portMappings")) if (pm.path("containerPort").asInt() == containerPort) return;
            throw invalid(op, "The container " + containerName + " in the AppSpec does not map port " + containerPort);
        }
        throw invalid(op, "The AppSpec's container " + containerName + " is not in task definition " + taskDefinition);
    }

    private static CloudException invalid(String op, String message) {
        return SimErrors.invalid("InvalidRevisionException", op, message);
    }
}
