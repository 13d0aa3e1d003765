/**
 * The reconcile core of the agent: for one environment of one spec repository, the sequence
 * poll → validate → read live → plan → apply (or plan only) → mark, with the drift check when
 * nothing new arrived ({@link io.turnout.reconcile.EnvironmentReconciler}). One class per
 * concern: the shared poll of a repository ({@link io.turnout.reconcile.SpecRepository}), the
 * deployment through the executor and its journal ({@link io.turnout.reconcile.Deployer}), the
 * cloud an environment talks to ({@link io.turnout.reconcile.CloudAccess}), what the agent
 * remembers per environment and shows ({@link io.turnout.reconcile.EnvironmentLedger},
 * {@link io.turnout.reconcile.StatusBoard}) and its metrics ({@link io.turnout.reconcile.ReconcileMetrics}).
 *
 * <p>No Micronaut and no Quartz here: the scheduler ({@code io.turnout.schedule}) decides when a
 * reconcile runs, and guarantees that one environment is never reconciled twice at once.
 */
package io.turnout.reconcile;
