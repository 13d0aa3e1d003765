package io.turnout.spec;

import java.util.Optional;

/**
 * ECS's own rolling update, for services with no load balancer (workers): one ECS service
 * named after the Turnout service, updated in place with the deployment circuit breaker.
 *
 * @param verification the gates of a rolling deployment (alarms, approval); empty means "the
 *                     environment's"
 * @param canary       a canary started and verified before the service is rolled; empty: none
 */
public record Rolling(boolean circuitBreaker, boolean rollback, Optional<Integer> minimumHealthyPercent,
                      Optional<Integer> maximumPercent, Optional<Verification> verification, Optional<Canary> canary)
        implements Strategy {
    /** Without gates and without a canary. */
    public Rolling(boolean circuitBreaker, boolean rollback, Optional<Integer> minimumHealthyPercent,
                   Optional<Integer> maximumPercent) {
        this(circuitBreaker, rollback, minimumHealthyPercent, maximumPercent, Optional.empty(), Optional.empty());
    }
}
