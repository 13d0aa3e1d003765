/**
 * The state store port: what the agent keeps so that it outlives a reconcile, a restart and a
 * replica — per environment, the deployment journal ({@link io.turnout.state.Journal}), every
 * commit's outcome (bounded), the drift baseline, what the status shows
 * ({@link io.turnout.state.EnvironmentFacts}), and the environment's lease: one deployment per
 * environment across replicas and {@code turnout apply}, with every write fenced by it
 * ({@link io.turnout.state.StateStore}). {@link io.turnout.state.StateJson} is the one JSON form of
 * what is kept as documents, {@link io.turnout.state.StateExport} the export for support.
 * Implementations: the database store ({@code io.turnout.state.sql}) and
 * {@link io.turnout.state.LocalStateStore} (in memory, tests).
 */
package io.turnout.state;
