package io.turnout.cloud;

/**
 * A listener rule. {@code priority} is a number as text, or {@code default} for the
 * listener's default rule. {@code forwardTargetGroupArn} as in {@link ListenerInfo}.
 */
public record RuleInfo(String arn, String listenerArn, String priority, boolean isDefault,
                       String forwardTargetGroupArn) {}
