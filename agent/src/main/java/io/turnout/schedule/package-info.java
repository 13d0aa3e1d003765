/**
 * When reconciles run: a Quartz scheduler with one job per environment (interval and jitter
 * from the environment's sync policy, never two runs of one environment at once:
 * {@code @DisallowConcurrentExecution}) and one discovery job per repository that keeps the
 * environment jobs in line with the environments the branch head defines.
 *
 * <p>By default the job store is in memory. With a PostgreSQL data source the store is JDBC and
 * clustered: several agent replicas share the jobs, Quartz's row locks make sure one
 * environment is reconciled by one replica at a time, and the jobs of a replica that dies are
 * recovered by the others ({@link io.turnout.schedule.QuartzTables} creates the tables at start).
 */
package io.turnout.schedule;
