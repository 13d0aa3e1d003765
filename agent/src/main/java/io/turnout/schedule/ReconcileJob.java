package io.turnout.schedule;

import io.turnout.reconcile.EnvironmentReconciler;
import io.turnout.state.LeaseHolder;
import java.time.Duration;
import java.util.Optional;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * One reconcile of one environment. {@code @DisallowConcurrentExecution}: Quartz never runs two
 * executions of the same job at once, and with the clustered JDBC store that holds across
 * replicas (the trigger stays BLOCKED in the database while one replica runs it). After each run
 * the next poll is pushed out by the interval plus a random jitter, so that environments and
 * replicas do not poll in lockstep.
 *
 * <p>Quartz's guarantee is not enough for invariant 5 (one deployment per environment): it rests
 * on failure detection. When a replica misses its check-ins for the cluster's grace period while
 * its job still runs (a long pause, a stalled connection, clocks apart by more than the grace),
 * another replica's cluster manager declares it dead, releases the job's BLOCKED triggers and
 * fires a recovery trigger for it ({@code requestRecovery}) — and the same job runs twice at once
 * ({@code ReplicaFailoverTest} pins this). So each run takes the environment's lease in the state
 * store first ({@link EnvironmentReconciler#reconcile}): the second run finds it held and does
 * nothing, and is retried when the lease runs out.
 */
@DisallowConcurrentExecution
public final class ReconcileJob implements Job {
    /** After a busy environment's lease runs out, this long before trying again (clocks of replicas differ a little). */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(1);
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
        Optional<LeaseHolder> busy;
        try {
            busy = reconciler.reconcile();
        } finally {
            scheduler.afterReconcile(environment);
        }
        try {
            if (busy.isPresent()) {
                // another process holds the environment: poll again when its lease runs out (then free if it died)
                scheduler.retryAt(context.getJobDetail().getKey(), busy.get().until().plus(LEASE_MARGIN));
            } else {
                scheduler.jitter(context.getJobDetail().getKey(), data.getLong("jitterMillis"));
            }
        } catch (SchedulerException e) {
            throw new JobExecutionException("cannot schedule the next poll of " + environment + ": " + e.getMessage(), e);
        }
    }
}
