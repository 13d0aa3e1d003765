package io.turnout.spec;

/**
 * How a service is deployed: {@link BlueGreen} (two slots, traffic swap), or one ECS service
 * ({@link SingleService}): {@link Rolling} (ECS's rolling update), {@link EcsNative} or
 * {@link CodeDeploy} (AWS's own engines).
 */
public sealed interface Strategy permits BlueGreen, SingleService {}
