/**
 * Live state: what AWS says now about one environment, assembled from batched gateway reads
 * by {@link io.turnout.live.LiveStateReader} and consumed by the (pure) differ and planner.
 * Which slot is BLUE is derived from where production traffic points (listener, rule or
 * record weights), never from tags alone. Reads run concurrently within per-service read budgets
 * ({@link io.turnout.live.ReadBudget}, {@link io.turnout.live.ReadThrottle}).
 */
package io.turnout.live;
