package io.turnout.plan;

import java.time.Duration;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A revert while AWS's engine still runs the previous revision (ECS's bake time, CodeDeploy's
 * wait before the original task set is terminated): StopServiceDeployment with ROLLBACK, or
 * StopDeployment with auto rollback. Production goes back to what still runs at once; nothing is
 * registered. Then waits until the engine says it rolled back.
 *
 * @param engine       {@code ecs} or {@code codeDeploy}
 * @param deploymentId the service deployment ARN, or the CodeDeploy deployment id
 * @param rollsBackTo  the task definition production goes back to ({@code web:3}), for people
 * @param tags         the {@code turnout:*} tags of the desired spec, written once it rolled back
 */
public record StopEngineDeployment(String service, String engine, String cluster, String ecsServiceName,
                                   String deploymentId, String rollsBackTo, Duration timeout,
                                   SortedMap<String, String> tags) implements Step {
    public StopEngineDeployment {
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }

    @Override
    public String describe() {
        return engine.equals("ecs")
                ? "Roll " + ecsServiceName + " back: stop ECS deployment " + shortId(deploymentId) + " with ROLLBACK ("
                        + rollsBackTo + " still runs: production goes back at once)"
                : "Roll " + ecsServiceName + " back: stop CodeDeploy deployment " + deploymentId + " with auto rollback ("
                        + rollsBackTo + " still runs: production goes back at once)";
    }

    static String shortId(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}
