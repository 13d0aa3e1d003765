package io.turnout.spec;

/**
 * A place services run: one AWS account + region and one ECS cluster, with its sync and
 * deployment policies. Loaded from a file with {@code kind: Environment}.
 */
public record EnvironmentSpec(String name, SourceLocation source, AwsTarget aws, String cluster,
                              SyncPolicy sync, DeploymentPolicy deployment) {}
