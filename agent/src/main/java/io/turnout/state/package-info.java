/**
 * The state store port: what the agent keeps so that it outlives a reconcile — per environment,
 * the deployment journal ({@link io.turnout.state.Journal}), every commit's outcome, the drift
 * baseline, the pending plan, the current problem and the sync policy seen
 * ({@link io.turnout.state.StateStore}). Today's implementation keeps journals as fsync'ed JSON
 * lines under the data directory ({@link io.turnout.state.FileJournal}) and the rest in memory
 * ({@link io.turnout.state.LocalStateStore}); a database goes behind the same interface.
 */
package io.turnout.state;
