package io.turnout.cloud;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * RunTask of one task with a command override, e.g. a smoke test before a swap.
 *
 * @param container the container whose command is overridden
 * @param command   the command to run in it
 * @param settings  RunTask members taken from the service's settings: launchType,
 *                  capacityProviderStrategy, platformVersion, networkConfiguration (an awsvpc
 *                  task needs the service's subnets and security groups), enableExecuteCommand
 * @param startedBy who started it, shown in the ECS console ({@code turnout})
 */
public record RunTaskRequest(String cluster, String taskDefinition, String container, List<String> command,
                             JsonNode settings, String startedBy) {
    /** The service settings RunTask accepts too; the rest (deploymentConfiguration …) are service-only. */
    public static final List<String> SETTINGS = List.of("launchType", "capacityProviderStrategy", "platformVersion",
            "networkConfiguration", "enableExecuteCommand");

    public RunTaskRequest {
        command = List.copyOf(command);
        settings = settings.deepCopy();
    }

    @Override
    public JsonNode settings() {
        return settings.deepCopy();
    }
}
