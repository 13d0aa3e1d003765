package io.turnout.plan;

import io.turnout.spec.TaskCheck;
import io.turnout.spec.load.Durations;
import tools.jackson.databind.JsonNode;

/**
 * The pre-deploy task ({@code hooks.beforeDeploy}): one RunTask of the NEW task definition with
 * the hook's command in {@code task.container()}, before {@code beforeEcsServiceName} is scaled up
 * to it. It must stop with exit code 0 within the timeout; otherwise the deployment stops with
 * production untouched. Journaled: a resumed deployment does not run it again once it succeeded.
 *
 * @param settings the service's settings RunTask takes too (launch type, network configuration …)
 */
public record RunHook(String service, String cluster, String beforeEcsServiceName, TaskDefinitionRef taskDefinition,
                      TaskCheck task, JsonNode settings) implements Step {
    public RunHook {
        settings = settings.deepCopy();
    }

    @Override
    public JsonNode settings() {
        return settings.deepCopy();
    }

    @Override
    public String describe() {
        return "Run the pre-deploy task of " + service + " (" + String.join(" ", task.command()) + " in container "
                + task.container() + " of " + taskDefinition.describe() + ", timeout " + Durations.format(task.timeout())
                + "); it must exit 0 before " + beforeEcsServiceName + " is scaled up";
    }
}
