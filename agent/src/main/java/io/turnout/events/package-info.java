/**
 * One stream of deployment events ({@link io.turnout.events.DeploymentEvents}): what happened in
 * each environment — polls, plans, deployments and their steps, drift, commit outcomes — each
 * published once, from one place, as an immutable {@link io.turnout.events.DeploymentEvent}.
 * The ledger and status board, the metrics and notifications subscribe
 * ({@link io.turnout.events.DeploymentSubscriber}); nothing calls them directly.
 */
package io.turnout.events;
