package io.turnout.cloud;

/** An ECS cluster; {@code status} is ACTIVE, PROVISIONING, DEPROVISIONING, FAILED or INACTIVE. */
public record ClusterInfo(String arn, String name, String status) {}
