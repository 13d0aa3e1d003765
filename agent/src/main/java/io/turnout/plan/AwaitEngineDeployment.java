package io.turnout.plan;

import java.time.Duration;

/**
 * Waits for a deployment of AWS's engine that was under way when the plan was made (started by
 * someone else, or rolling back) to end, before this plan deploys anything to the service.
 *
 * @param engine {@code ecs} or {@code codeDeploy}
 */
public record AwaitEngineDeployment(String service, String engine, String cluster, String ecsServiceName,
                                    String deploymentId, Duration timeout) implements Step {
    @Override
    public String describe() {
        return "Wait for the " + (engine.equals("ecs") ? "ECS deployment " + StopEngineDeployment.shortId(deploymentId)
                : "CodeDeploy deployment " + deploymentId) + " of " + ecsServiceName + " under way to end";
    }
}
