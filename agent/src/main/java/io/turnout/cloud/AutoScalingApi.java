package io.turnout.cloud;

import java.util.List;

/**
 * Application Auto Scaling for ECS services (namespace {@code ecs}, dimension
 * {@code ecs:service:DesiredCount}, resource id {@code service/<cluster>/<service>}).
 * Operation names in stats are {@code application-autoscaling:<Operation>}.
 */
public interface AutoScalingApi {
    /** DescribeScalableTargets for the given resource ids (up to 50 per call in AWS), all pages. */
    List<ScalableTargetInfo> describeScalableTargets(List<String> resourceIds);

    /** DescribeScalingPolicies of the ecs namespace, optionally for one resource id, all pages. */
    List<ScalingPolicyInfo> describeScalingPolicies(String resourceIdOrNull);

    /** RegisterScalableTarget (creates or updates min/max). */
    void registerScalableTarget(ScalableTargetInfo target);

    /** DeregisterScalableTarget; its policies go with it, as in AWS. ObjectNotFoundException when absent. */
    void deregisterScalableTarget(String resourceId);

    /** PutScalingPolicy (creates or replaces by name). ObjectNotFoundException when no scalable target. */
    void putScalingPolicy(ScalingPolicyInfo policy);

    /** DeleteScalingPolicy. ObjectNotFoundException when absent. */
    void deleteScalingPolicy(String policyName, String resourceId);
}
