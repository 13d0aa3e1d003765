package io.turnout.cloud;

import java.util.List;
import java.util.Optional;

/** AWS CodeDeploy (compute platform ECS), as far as Turnout uses it. Operation names in stats are {@code codedeploy:<Operation>}. */
public interface CodeDeployApi {
    /** GetDeploymentGroup. ApplicationDoesNotExistException / DeploymentGroupDoesNotExistException (NOT_FOUND) when absent. */
    DeploymentGroupInfo getDeploymentGroup(String application, String deploymentGroup);

    /** CreateDeployment of an ECS AppSpec (its JSON as the revision's string content); the deployment id. */
    String createDeployment(CreateDeploymentRequest request);

    /** GetDeployment. DeploymentDoesNotExistException (NOT_FOUND) when absent. */
    CodeDeployDeploymentInfo getDeployment(String deploymentId);

    /** ListDeployments of one deployment group, all pages, restricted to {@code statuses} (all when empty). */
    List<String> listDeployments(String application, String deploymentGroup, List<String> statuses);

    /** StopDeployment; with {@code autoRollback} CodeDeploy sends the traffic back to the original task set. */
    void stopDeployment(String deploymentId, boolean autoRollback);

    /** ListDeploymentTargets then BatchGetDeploymentTargets: the ECS targets of a deployment (one per ECS service). */
    List<CodeDeployTarget> deploymentTargets(String deploymentId);

    /**
     * CreateDeployment's members Turnout uses.
     *
     * @param appSpec              the AppSpec as JSON (revision type AppSpecContent)
     * @param deploymentConfigName empty: the deployment group's
     */
    record CreateDeploymentRequest(String application, String deploymentGroup, Optional<String> deploymentConfigName,
                                   String appSpec, String description) {}
}
