/**
 * The agent's metrics: {@link io.turnout.metrics.DeploymentMetrics} subscribes to the deployment
 * events and records polls, commit outcomes, plan sizes, deployment durations, AWS calls,
 * throttling and failed polls in the Micrometer registry that {@code GET /metrics} scrapes.
 */
package io.turnout.metrics;
