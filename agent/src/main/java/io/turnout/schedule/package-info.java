/**
 * When reconciles run: a Quartz scheduler with one job per environment (interval and jitter
 * from the environment's sync policy, never two runs of one environment at once:
 * {@code @DisallowConcurrentExecution}) and one discovery job per repository that keeps the
 * environment jobs in line with the environments the branch head defines.
 *
 * <p>By default the job store is in memory. With the state store on PostgreSQL the job store is
 * JDBC and clustered on the same database and connection pool ({@link io.turnout.schedule.PooledConnections};
 * the tables are the store's Flyway migration's): several agent replicas share the jobs, and the
 * jobs of a replica that dies are recovered by the others. One deployment per environment does not
 * rest on Quartz (see {@link io.turnout.schedule.ReconcileJob}): each run takes the environment's
 * lease in the state store, and polls again when another process's lease runs out.
 */
package io.turnout.schedule;
