package io.turnout.cloud;

/** One entry of an ECS service's {@code serviceRegistries}: the Cloud Map service its tasks register in. */
public record ServiceRegistryBinding(String registryArn) {}
