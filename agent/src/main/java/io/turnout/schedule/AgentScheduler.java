package io.turnout.schedule;

import io.turnout.reconcile.Reconcilers;
import io.turnout.source.GitSourceException;
import io.turnout.source.SpecSource;
import io.turnout.spec.SyncPolicy;
import io.turnout.status.SyncTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's Quartz scheduler: a discovery job per repository and a reconcile job per
 * environment (job group = repository id, job name = environment). Also the agent's
 * {@link SyncTrigger}: webhooks and the sync API fire the jobs now.
 */
public final class AgentScheduler implements SyncTrigger, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentScheduler.class);
    private static final String CONTEXT_KEY = "turnout.agentScheduler";
    private static final String DISCOVERY_GROUP = "turnout-discovery";

    private final Reconcilers reconcilers;
    private final SchedulerSettings settings;
    private final Scheduler scheduler;
    private volatile Consumer<String> beforeReconcile = env -> { };
    private volatile Consumer<String> afterReconcile = env -> { };

    public AgentScheduler(Reconcilers reconcilers, SchedulerSettings settings) throws SchedulerException {
        this.reconcilers = Objects.requireNonNull(reconcilers, "reconcilers");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.scheduler = create(settings);
        scheduler.getContext().put(CONTEXT_KEY, this);
    }

    static AgentScheduler of(Scheduler scheduler) throws SchedulerException {
        Object self = scheduler.getContext().get(CONTEXT_KEY);
        if (self instanceof AgentScheduler agent) return agent;
        throw new SchedulerException("no Turnout scheduler in the Quartz context");
    }

    private static Scheduler create(SchedulerSettings settings) throws SchedulerException {
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, settings.instanceName());
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, "AUTO");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(settings.threads()));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "turnout-reconcile");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        if (settings.database().isPresent()) {
            // The tables are the state store's Flyway migration's (V2__quartz_job_store.sql), created before this.
            // Registered by name rather than through properties: the state store's pool, shared, and no password in Quartz's properties.
            String dataSource = "turnout-" + UUID.randomUUID();
            DBConnectionManager.getInstance().addConnectionProvider(dataSource, new PooledConnections(settings.database().get().dataSource()));
            p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
            p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
            p.setProperty("org.quartz.jobStore.dataSource", dataSource);
            p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
            p.setProperty("org.quartz.jobStore.isClustered", "true");
            p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(settings.clusterCheckinInterval().toMillis()));
            p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        } else {
            p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        }
        Scheduler created = new StdSchedulerFactory(p).getScheduler();
        // Quartz keeps schedulers in a JVM-wide registry by name, and would hand this one out again
        // to a second scheduler of the same name (replicas in one JVM, as in tests). Nothing here looks it up.
        SchedulerRepository.getInstance().remove(settings.instanceName());
        return created;
    }

    public Reconcilers reconcilers() {
        return reconcilers;
    }

    public Scheduler quartz() {
        return scheduler;
    }

    /** Hooks around every reconcile on this replica (tests use them to see or stop a reconcile). */
    public void hooks(Consumer<String> before, Consumer<String> after) {
        this.beforeReconcile = before;
        this.afterReconcile = after;
    }

    void beforeReconcile(String environment) {
        beforeReconcile.accept(environment);
    }

    void afterReconcile(String environment) {
        afterReconcile.accept(environment);
    }

    /**
     * Learns each repository's environments (so that the status shows them at once), schedules
     * the discovery jobs, and starts the scheduler. A repository that cannot be reached now is
     * retried by its discovery job.
     */
    public void start() throws SchedulerException {
        for (SpecSource repository : reconcilers.repositories()) {
            try {
                schedule(repository.id(), reconcilers.discover(repository.id()));
            } catch (GitSourceException e) {
                LOG.warn("cannot poll {} at start: {} The discovery job tries again every {}s.", repository.displayUrl(), e.getMessage(),
                        settings.discoveryInterval().toSeconds());
            }
            JobKey key = JobKey.jobKey(repository.id(), DISCOVERY_GROUP);
            JobDetail job = JobBuilder.newJob(DiscoveryJob.class).withIdentity(key).storeDurably()
                    .usingJobData(ReconcileJob.REPOSITORY, repository.id()).build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key.getName(), DISCOVERY_GROUP).forJob(key)
                    .startAt(new Date(System.currentTimeMillis() + settings.discoveryInterval().toMillis()))
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(settings.discoveryInterval().toMillis())
                            .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
            scheduler.addJob(job, true);
            if (!scheduler.checkExists(trigger.getKey())) {
                try {
                    scheduler.scheduleJob(trigger);
                } catch (org.quartz.ObjectAlreadyExistsException raced) {
                    // another replica started at the same moment and scheduled it
                }
            }
        }
        scheduler.start();
        LOG.info("scheduler started ({})", settings.database().map(d -> "clustered on " + d.describe()).orElse("in memory"));
    }

    /** Re-reads the environments of {@code repositoryId} and brings its jobs in line. */
    public void refresh(String repositoryId) throws SchedulerException {
        try {
            schedule(repositoryId, reconcilers.discover(repositoryId));
        } catch (GitSourceException e) {
            LOG.warn("cannot poll {} for its environments: {}", repositoryId, e.getMessage());
        }
    }

    private synchronized void schedule(String repositoryId, SortedMap<String, SyncPolicy> environments) throws SchedulerException {
        Set<JobKey> existing = scheduler.getJobKeys(GroupMatcher.jobGroupEquals(repositoryId));
        for (JobKey key : existing) {
            if (!environments.containsKey(key.getName())) {
                LOG.info("unscheduling {}: the specs no longer define it", key.getName());
                scheduler.deleteJob(key);
            }
        }
        for (Map.Entry<String, SyncPolicy> e : environments.entrySet()) {
            JobKey key = JobKey.jobKey(e.getKey(), repositoryId);
            long interval = Math.max(1000, e.getValue().interval().toMillis());
            TriggerKey triggerKey = TriggerKey.triggerKey(e.getKey(), repositoryId);
            Trigger current = scheduler.getTrigger(triggerKey);
            if (current instanceof SimpleTrigger simple && simple.getRepeatInterval() == interval) continue;
            JobDetail job = JobBuilder.newJob(ReconcileJob.class).withIdentity(key).storeDurably()
                    // a replica that dies mid-reconcile: another one runs it again right away
                    .requestRecovery()
                    .usingJobData(ReconcileJob.REPOSITORY, repositoryId).usingJobData(ReconcileJob.ENVIRONMENT, e.getKey())
                    .usingJobData("jitterMillis", e.getValue().jitter().toMillis()).build();
            scheduler.addJob(job, true);
            // the first poll right away (a new environment, or a new interval); then every interval
            Trigger trigger = trigger(triggerKey, key, new Date(), interval);
            if (current != null) {
                scheduler.rescheduleJob(triggerKey, trigger);
            } else {
                try {
                    scheduler.scheduleJob(trigger);
                } catch (org.quartz.ObjectAlreadyExistsException raced) {
                    // another replica scheduled it between our check and now: its trigger serves both
                }
            }
            LOG.info("{}: polling {} every {}s (+ up to {}s jitter)", e.getKey(), repositoryId, interval / 1000,
                    e.getValue().jitter().toSeconds());
        }
    }

    /**
     * Moves the environment's next regular poll to {@code at} when that is sooner: another process
     * held the environment, and its lease runs out then (if it died, its deployment is recovered then).
     */
    void retryAt(JobKey job, Instant at) throws SchedulerException {
        TriggerKey triggerKey = TriggerKey.triggerKey(job.getName(), job.getGroup());
        if (!(scheduler.getTrigger(triggerKey) instanceof SimpleTrigger current)) return;
        Date next = Date.from(at);
        if (current.getNextFireTime() != null && !current.getNextFireTime().after(next)) return;
        scheduler.rescheduleJob(triggerKey, trigger(triggerKey, job, next, current.getRepeatInterval()));
    }

    /** Moves the environment's next regular poll to now + interval + a random part of the jitter. */
    void jitter(JobKey job, long jitterMillis) throws SchedulerException {
        TriggerKey triggerKey = TriggerKey.triggerKey(job.getName(), job.getGroup());
        if (!(scheduler.getTrigger(triggerKey) instanceof SimpleTrigger current)) return;
        long extra = jitterMillis <= 0 ? 0 : ThreadLocalRandom.current().nextLong(jitterMillis + 1);
        Date next = new Date(System.currentTimeMillis() + current.getRepeatInterval() + extra);
        scheduler.rescheduleJob(triggerKey, trigger(triggerKey, job, next, current.getRepeatInterval()));
    }

    private static Trigger trigger(TriggerKey key, JobKey job, Date start, long intervalMillis) {
        return TriggerBuilder.newTrigger().withIdentity(key).forJob(job).startAt(start)
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(intervalMillis).repeatForever()
                        // after downtime, poll once, not once per missed interval
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    @Override
    public boolean syncEnvironment(String environment) {
        for (SpecSource repository : reconcilers.repositories()) {
            JobKey key = JobKey.jobKey(environment, repository.id());
            try {
                if (scheduler.checkExists(key)) {
                    scheduler.triggerJob(key);
                    return true;
                }
            } catch (SchedulerException e) {
                LOG.warn("cannot trigger a poll of {}: {}", environment, e.getMessage());
                return false;
            }
        }
        return false;
    }

    @Override
    public int pollRepository(String repository) {
        int scheduled = 0;
        for (SpecSource candidate : reconcilers.repositories()) {
            if (!candidate.answersTo(repository)) continue;
            for (String environment : reconcilers.discovered(candidate.id()).keySet()) {
                if (syncEnvironment(environment)) scheduled++;
            }
        }
        return scheduled;
    }

    /** Stops the scheduler; with {@code waitForJobs} the running reconciles finish first. */
    public void shutdown(boolean waitForJobs) {
        try {
            if (!scheduler.isShutdown()) scheduler.shutdown(waitForJobs);
        } catch (SchedulerException e) {
            LOG.warn("the scheduler did not stop cleanly: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        shutdown(true);
    }

    /** How long until a dead replica's jobs are taken over (for messages and tests). */
    public Duration failoverTime() {
        return settings.clusterCheckinInterval().plusMillis(7500);
    }
}
