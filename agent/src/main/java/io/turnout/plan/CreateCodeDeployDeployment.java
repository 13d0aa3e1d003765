package io.turnout.plan;

import io.turnout.spec.CodeDeploy;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * CreateDeployment in the service's CodeDeploy deployment group, with an AppSpec naming the task
 * definition, the container and port the load balancer sends to, the AppSpec properties taken
 * from the service settings (PlatformVersion, NetworkConfiguration, CapacityProviderStrategy) and
 * the hooks. {@code tags} are written on the ECS service as for {@link StartEcsDeployment}.
 *
 * @param appSpecProperties the TargetService properties besides TaskDefinition and LoadBalancerInfo, as AppSpec spells them
 */
public record CreateCodeDeployDeployment(String service, String cluster, String ecsServiceName, String application,
                                         String deploymentGroup, Optional<String> deploymentConfigName,
                                         TaskDefinitionRef taskDefinition, String containerName, int containerPort,
                                         JsonNode appSpecProperties, List<CodeDeploy.Hook> hooks,
                                         SortedMap<String, String> tags) implements Step {
    public CreateCodeDeployDeployment {
        appSpecProperties = appSpecProperties.deepCopy();
        hooks = List.copyOf(hooks);
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }

    @Override
    public JsonNode appSpecProperties() {
        return appSpecProperties.deepCopy();
    }

    @Override
    public String describe() {
        return "Create a CodeDeploy deployment in " + application + "/" + deploymentGroup + " of task definition "
                + taskDefinition.describe() + " (container " + containerName + ":" + containerPort + ", "
                + deploymentConfigName.orElse("the deployment group's configuration")
                + (hooks.isEmpty() ? "" : ", hooks " + String.join(", ", hooks.stream().map(CodeDeploy.Hook::event).toList())) + ")";
    }
}
