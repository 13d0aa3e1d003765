package io.turnout.cloud;

/** A Cloud Map service: what an ECS service's {@code serviceRegistries} points to (by ARN). */
public record CloudMapServiceInfo(String id, String arn, String name, String namespaceId) {}
