package io.turnout.cloud;

import java.util.Optional;

/**
 * One entry of an ECS service's {@code loadBalancers}: which container port a target group sends
 * to, and, for ECS's own blue/green deployments, the {@code advancedConfiguration}.
 */
public record LoadBalancerBinding(String targetGroupArn, String containerName, int containerPort,
                                  Optional<AdvancedConfiguration> advanced) {
    /**
     * ECS's own blue/green: the second target group, the production and test listener rules ECS
     * moves between the two, and the role it moves them with. {@code testListenerRule} may be null.
     */
    public record AdvancedConfiguration(String alternateTargetGroupArn, String productionListenerRule,
                                        String testListenerRule, String roleArn) {}

    public LoadBalancerBinding {
        advanced = advanced == null ? Optional.empty() : advanced;
    }

    /** A plain binding: a target group and the container port it sends to. */
    public LoadBalancerBinding(String targetGroupArn, String containerName, int containerPort) {
        this(targetGroupArn, containerName, containerPort, Optional.empty());
    }
}
