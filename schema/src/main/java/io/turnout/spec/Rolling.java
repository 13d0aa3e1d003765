package io.turnout.spec;

import java.util.Optional;

/**
 * ECS's own rolling update: one ECS service (named after the Turnout service unless
 * {@code serviceName} names an existing one), updated in place with the deployment circuit
 * breaker, optionally registered in one target group ({@code targetGroup}).
 */
public record Rolling(boolean circuitBreaker, boolean rollback, Optional<Integer> minimumHealthyPercent,
                      Optional<Integer> maximumPercent, Optional<String> serviceName,
                      Optional<TargetGroupRoute> targetGroup) implements SingleService {
    public Rolling {
        serviceName = serviceName == null ? Optional.empty() : serviceName;
        targetGroup = targetGroup == null ? Optional.empty() : targetGroup;
    }

    /** A rolling service named after the Turnout service, behind no load balancer. */
    public Rolling(boolean circuitBreaker, boolean rollback, Optional<Integer> minimumHealthyPercent,
                   Optional<Integer> maximumPercent) {
        this(circuitBreaker, rollback, minimumHealthyPercent, maximumPercent, Optional.empty(), Optional.empty());
    }

    /**
     * The target group a rolling service is registered in (by name) and the container port it
     * sends to, as in one entry of CreateService's {@code loadBalancers}.
     */
    public record TargetGroupRoute(String targetGroup, String containerName, int containerPort) {}
}
