package io.turnout.cloud;

/**
 * One entry of an ECS service's {@code deployments}. {@code status} is PRIMARY (the newest)
 * or ACTIVE (older, draining); {@code rolloutState} IN_PROGRESS, COMPLETED or FAILED.
 */
public record EcsDeployment(String id, String status, String taskDefinitionArn, int desiredCount, int pendingCount,
                            int runningCount, String rolloutState, String rolloutStateReason) {}
