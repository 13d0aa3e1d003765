package io.turnout.spec;

import java.util.Optional;

/**
 * ECS's own rolling update: one ECS service (named after the Turnout service unless
 * {@code serviceName} names an existing one), updated in place with the deployment circuit
 * breaker, optionally registered in one target group ({@code targetGroup}).
 *
 * @param verification the gates of a rolling deployment (alarms, approval); empty means "the
 *                     environment's"
 * @param canary       a canary started and verified before the service is rolled; empty: none
 * @param serviceName  the existing ECS service the spec adopts; empty: the Turnout service's name
 * @param targetGroup  the target group it is registered in, if any
 */
public record Rolling(boolean circuitBreaker, boolean rollback, Optional<Integer> minimumHealthyPercent,
                      Optional<Integer> maximumPercent, Optional<Verification> verification, Optional<Canary> canary,
                      Optional<String> serviceName, Optional<TargetGroupRoute> targetGroup) implements SingleService {
    public Rolling {
        verification = verification == null ? Optional.empty() : verification;
        canary = canary == null ? Optional.empty() : canary;
        serviceName = serviceName == null ? Optional.empty() : serviceName;
        targetGroup = targetGroup == null ? Optional.empty() : targetGroup;
    }

    /** Named after the Turnout service and behind no load balancer. */
    public Rolling(boolean circuitBreaker, boolean rollback, Optional<Integer> minimumHealthyPercent,
                   Optional<Integer> maximumPercent, Optional<Verification> verification, Optional<Canary> canary) {
        this(circuitBreaker, rollback, minimumHealthyPercent, maximumPercent, verification, canary, Optional.empty(),
                Optional.empty());
    }

    /** Without gates and without a canary, named after the Turnout service and behind no load balancer. */
    public Rolling(boolean circuitBreaker, boolean rollback, Optional<Integer> minimumHealthyPercent,
                   Optional<Integer> maximumPercent) {
        this(circuitBreaker, rollback, minimumHealthyPercent, maximumPercent, Optional.empty(), Optional.empty());
    }

    /** The same strategy with {@code verification} (the environment's gates filled in). */
    public Rolling withVerification(Optional<Verification> verification) {
        return new Rolling(circuitBreaker, rollback, minimumHealthyPercent, maximumPercent, verification, canary,
                serviceName, targetGroup);
    }

    /**
     * The target group a rolling service is registered in (by name) and the container port it
     * sends to, as in one entry of CreateService's {@code loadBalancers}.
     */
    public record TargetGroupRoute(String targetGroup, String containerName, int containerPort) {}
}
