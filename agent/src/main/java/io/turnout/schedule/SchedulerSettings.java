package io.turnout.schedule;

import io.turnout.state.sql.StateDatabase;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the scheduler runs.
 *
 * @param instanceName           the Quartz scheduler name; replicas sharing a database must use the same one
 * @param threads                how many reconciles may run at once (different environments)
 * @param discoveryInterval      how often each repository is checked for added or removed environments
 * @param database               the shared (PostgreSQL) state database, whose pool the clustered job store uses;
 *                               empty: the job store is in memory (one replica)
 * @param clusterCheckinInterval how often a replica tells the others it is alive (clustered only); a replica
 *                               silent for this long plus Quartz's 7.5 s grace is considered dead and its
 *                               running jobs are recovered by another
 */
public record SchedulerSettings(String instanceName, int threads, Duration discoveryInterval, Optional<StateDatabase> database,
                                Duration clusterCheckinInterval) {
    public SchedulerSettings {
        Objects.requireNonNull(instanceName, "instanceName");
        if (threads < 1) throw new IllegalArgumentException("the scheduler needs at least one thread");
        Objects.requireNonNull(discoveryInterval, "discoveryInterval");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(clusterCheckinInterval, "clusterCheckinInterval");
        if (database.isPresent() && !database.get().shared()) {
            throw new IllegalArgumentException("the clustered job store needs the shared (PostgreSQL) state database, not " + database.get().describe());
        }
    }

    public static SchedulerSettings inMemory() {
        return new SchedulerSettings("turnout", 4, Duration.ofMinutes(1), Optional.empty(), Duration.ofSeconds(5));
    }

    /** Clustered on {@code database} (shared by the replicas), checking in every {@code checkin}. */
    public SchedulerSettings clusteredOn(StateDatabase database, Duration checkin) {
        return new SchedulerSettings(instanceName, threads, discoveryInterval, Optional.of(database), checkin);
    }

    public SchedulerSettings withThreads(int count) {
        return new SchedulerSettings(instanceName, count, discoveryInterval, database, clusterCheckinInterval);
    }
}
