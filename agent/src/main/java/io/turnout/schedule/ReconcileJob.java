package io.turnout.schedule;

import io.turnout.reconcile.EnvironmentReconciler;
import java.sql.SQLException;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconcile of one environment. {@code @DisallowConcurrentExecution}: Quartz never runs two
 * executions of the same job at once, and with the clustered JDBC store that holds across
 * replicas (the trigger stays BLOCKED in the database while one replica runs it). After each run
 * the next poll is pushed out by the interval plus a random jitter, so that environments and
 * replicas do not poll in lockstep. With a clustered schedule each run also holds the
 * environment's {@link EnvironmentLock}.
 */
@DisallowConcurrentExecution
public final class ReconcileJob implements Job {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileJob.class);
    static final String REPOSITORY = "repository";
    static final String ENVIRONMENT = "environment";

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        JobDataMap data = context.getMergedJobDataMap();
        String repository = data.getString(REPOSITORY);
        String environment = data.getString(ENVIRONMENT);
        AgentScheduler scheduler;
        try {
            scheduler = AgentScheduler.of(context.getScheduler());
        } catch (SchedulerException e) {
            throw new JobExecutionException("the Turnout scheduler is not set up: " + e.getMessage(), e);
        }
        EnvironmentReconciler reconciler = scheduler.reconcilers().reconciler(repository, environment);
        scheduler.beforeReconcile(environment);
        try (EnvironmentLock lock = scheduler.lock(repository, environment)) {
            if (lock.acquired()) {
                reconciler.reconcile();
            } else {
                LOG.info("{}: another replica is reconciling it right now; this poll is skipped", environment);
            }
        } catch (SQLException e) {
            LOG.warn("{}: cannot take the environment lock in the scheduler database ({}); retrying at the next poll", environment, e.getMessage());
        } finally {
            scheduler.afterReconcile(environment);
        }
        try {
            scheduler.jitter(context.getJobDetail().getKey(), data.getLong("jitterMillis"));
        } catch (SchedulerException e) {
            throw new JobExecutionException("cannot schedule the next poll of " + environment + ": " + e.getMessage(), e);
        }
    }
}
