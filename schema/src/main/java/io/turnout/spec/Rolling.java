package io.turnout.spec;

import java.util.Optional;

/**
 * ECS's own rolling update, for services with no load balancer (workers): one ECS service
 * named after the Turnout service, updated in place with the deployment circuit breaker.
 */
public record Rolling(boolean circuitBreaker, boolean rollback, Optional<Integer> minimumHealthyPercent,
                      Optional<Integer> maximumPercent) implements Strategy {}
