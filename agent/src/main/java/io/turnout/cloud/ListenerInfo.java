package io.turnout.cloud;

/**
 * A listener. {@code forwardTargetGroupArn} is the target group its default action forwards
 * to, or null when the default action is not a single-target-group forward (fixed response,
 * redirect, weighted forward to several).
 */
public record ListenerInfo(String arn, String loadBalancerArn, int port, String protocol,
                           String forwardTargetGroupArn) {}
