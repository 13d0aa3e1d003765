package io.turnout.cloud;

/** One entry of an ECS service's {@code loadBalancers}: which container port a target group sends to. */
public record LoadBalancerBinding(String targetGroupArn, String containerName, int containerPort) {}
