/**
 * The reconcile core of the agent: for one environment of one spec repository, the sequence
 * poll → validate → read live → plan → apply (or plan only) → mark, with the drift check when
 * nothing new arrived ({@link io.turnout.reconcile.EnvironmentReconciler}), and the registry of
 * every environment followed ({@link io.turnout.reconcile.Reconcilers}). It calls the one pipeline
 * ({@code io.turnout.pipeline}: planning step, deployments) through the ports (spec source,
 * committed state, cloud, state store) and publishes what happens as deployment events; the
 * ledger, the metrics and the event log subscribe. Its parts: {@link io.turnout.reconcile.LiveReads}
 * (the planning step's reads and the colours they show), {@link io.turnout.reconcile.LiveTags} (the
 * committed-state marks), {@link io.turnout.reconcile.PollFailures} and
 * {@link io.turnout.reconcile.ProblemTracker} (what a failed poll tells people; an environment's
 * problem from the poll that meets it to the one that does not), {@link io.turnout.reconcile.PlanFacts}
 * (the one-line texts and status rows derived from a plan).
 *
 * <p>No Micronaut and no Quartz here: the scheduler ({@code io.turnout.schedule}) decides when a
 * reconcile runs, and guarantees that one environment is never reconciled twice at once.
 */
package io.turnout.reconcile;
