package io.turnout.spec;

/**
 * How a service is deployed: {@link BlueGreen} (two slots, traffic swap), or one ECS service
 * ({@link SingleService}): {@link Rolling} (ECS's rolling update), or one of AWS's own engines
 * ({@link AwsEngine}: {@link EcsNative}, {@link CodeDeploy}).
 */
public sealed interface Strategy permits BlueGreen, SingleService {}
