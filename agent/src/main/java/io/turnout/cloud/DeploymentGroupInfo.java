package io.turnout.cloud;

import java.util.List;

/**
 * A CodeDeploy deployment group of compute platform ECS, as GetDeploymentGroup returns it.
 *
 * @param ecsServices         the ECS services it deploys (cluster name, service name)
 * @param targetGroupPairs    its target groups and listeners: production and test routes
 * @param autoRollbackEnabled whether CodeDeploy rolls back a failed deployment by itself
 */
public record DeploymentGroupInfo(String application, String name, String deploymentConfigName, String serviceRoleArn,
                                  List<EcsServiceRef> ecsServices, List<TargetGroupPair> targetGroupPairs,
                                  boolean autoRollbackEnabled) {
    /** One ECS service of a deployment group. */
    public record EcsServiceRef(String cluster, String service) {}

    /** The two target groups (by name) and the listener ARNs of the production and (optional) test routes. */
    public record TargetGroupPair(List<String> targetGroups, List<String> prodListenerArns, List<String> testListenerArns) {
        public TargetGroupPair {
            targetGroups = List.copyOf(targetGroups);
            prodListenerArns = List.copyOf(prodListenerArns);
            testListenerArns = List.copyOf(testListenerArns);
        }
    }

    public DeploymentGroupInfo {
        ecsServices = List.copyOf(ecsServices);
        targetGroupPairs = List.copyOf(targetGroupPairs);
    }
}
