package io.turnout.schedule;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the scheduler runs.
 *
 * @param instanceName           the Quartz scheduler name; replicas sharing a database must use the same one
 * @param threads                how many reconciles may run at once (different environments)
 * @param discoveryInterval      how often each repository is checked for added or removed environments
 * @param jdbc                   the PostgreSQL database of a clustered job store; empty: in memory, one replica
 * @param clusterCheckinInterval how often a replica tells the others it is alive (clustered only); a replica
 *                               silent for this long plus Quartz's 7.5 s grace is considered dead and its
 *                               running jobs are recovered by another
 */
public record SchedulerSettings(String instanceName, int threads, Duration discoveryInterval, Optional<Jdbc> jdbc,
                                Duration clusterCheckinInterval) {
    public SchedulerSettings {
        Objects.requireNonNull(instanceName, "instanceName");
        if (threads < 1) throw new IllegalArgumentException("the scheduler needs at least one thread");
        Objects.requireNonNull(discoveryInterval, "discoveryInterval");
        Objects.requireNonNull(jdbc, "jdbc");
        Objects.requireNonNull(clusterCheckinInterval, "clusterCheckinInterval");
    }

    public static SchedulerSettings inMemory() {
        return new SchedulerSettings("turnout", 4, Duration.ofMinutes(1), Optional.empty(), Duration.ofSeconds(5));
    }

    public SchedulerSettings withJdbc(Jdbc database, Duration checkin) {
        return new SchedulerSettings(instanceName, threads, discoveryInterval, Optional.of(database), checkin);
    }

    /** A PostgreSQL database. {@link #toString()} never shows the password. */
    public record Jdbc(String url, String username, String password) {
        public Jdbc {
            if (url == null || !url.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("the scheduler database URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db), was "
                        + (url == null ? "empty" : url.replaceAll("password=[^&]*", "password=****")));
            }
        }

        @Override
        public String toString() {
            return "Jdbc[url=" + url.replaceAll("password=[^&]*", "password=****") + ", username=" + username + ", password=****]";
        }
    }
}
