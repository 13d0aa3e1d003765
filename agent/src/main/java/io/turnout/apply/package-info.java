/**
 * Carrying out a {@link io.turnout.plan.Plan}: the {@link io.turnout.apply.PlanExecutor}
 * runs each service's steps in order through one small idempotent runner per step kind
 * ({@code RegisterTaskDefinitionRunner}, {@code UpdateSlotRunner}, {@code SwapTrafficRunner} …),
 * after a {@link io.turnout.apply.PreFlight} that checks everything before the first mutating
 * call. Transient cloud errors are retried with capped exponential backoff and jitter
 * ({@link io.turnout.apply.CloudRetry}); waits go through an injectable
 * {@link io.turnout.time.Sleeper} and clock, so tests never sleep. Every step's start and end,
 * the plan and the state needed to roll back are written to a {@link io.turnout.apply.Journal}
 * before anything changes, so an interrupted deployment is resumed or rolled back on restart
 * ({@link io.turnout.apply.Recovery}). People follow along through {@link io.turnout.apply.Progress}.
 */
package io.turnout.apply;
