/**
 * The agent's read model, as the reconcile core writes it and the HTTP API and status page read
 * it: what the agent knows about each environment ({@link io.turnout.status.EnvironmentStatus},
 * {@link io.turnout.status.ServiceStatus}), what happened to each commit
 * ({@link io.turnout.status.CommitOutcome}), the read side ({@link io.turnout.status.AgentStatus})
 * and the way to ask for a poll ({@link io.turnout.status.SyncTrigger}). Plain values and
 * interfaces: no Micronaut, no I/O.
 */
package io.turnout.status;
