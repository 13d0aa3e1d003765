package io.turnout.cloud;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A CodeDeploy deployment as GetDeployment returns it. {@code status} is CodeDeploy's string
 * (Created, Queued, InProgress, Baking, Ready, Succeeded, Failed, Stopped).
 *
 * @param error    errorInformation: code and message, when it failed
 * @param rollback          rollbackInfo: the deployment that rolled this one back (or that this one rolls back), and why
 * @param taskDefinitionArn the task definition its AppSpec deploys, when the revision is an AppSpec Turnout can read
 */
public record CodeDeployDeploymentInfo(String id, String application, String deploymentGroup, String status,
                                       Optional<String> error, Optional<RollbackInfo> rollback, String deploymentConfigName,
                                       Optional<String> taskDefinitionArn, Instant createTime, Instant completeTime) {
    /** Statuses in which CodeDeploy is still working on it. */
    public static final Set<String> ACTIVE_STATUSES = Set.of("Created", "Queued", "InProgress", "Baking", "Ready");

    /** {@code rollbackDeploymentId}: the deployment that rolled this one back; {@code triggeredBy}: the one it rolls back. */
    public record RollbackInfo(String rollbackDeploymentId, String triggeredBy, String message) {}

    public boolean active() {
        return ACTIVE_STATUSES.contains(status);
    }
}
