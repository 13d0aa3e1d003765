package io.turnout.agent.runtime;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.turnout.pipeline.CloudKind;
import io.turnout.state.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code turnout.agent.*}: how the agent runs. Every value can come from {@code application.yml},
 * from an environment variable (Micronaut's convention: {@code TURNOUT_AGENT_DATA_DIR},
 * {@code TURNOUT_AGENT_DATASOURCE_PASSWORD} …) or from the {@code turnout agent} options.
 * The spec repositories are {@link RepositoryConfiguration}s under {@code turnout.agent.repositories.<name>}.
 */
@ConfigurationProperties("turnout.agent")
public class AgentConfiguration {
    private Path dataDir = Path.of(System.getProperty("user.home"), ".turnout", "agent");
    private CloudKind cloud = CloudKind.AWS;
    private Path world;
    private List<String> environments = List.of();
    private Duration discoveryInterval = Duration.ofMinutes(1);
    private int threads = 4;
    private int historyLimit = StateStore.DEFAULT_HISTORY_LIMIT;
    private DataSource datasource = new DataSource();
    private String statusPageUrl;

    /**
     * Where clones, the embedded state store ({@code state.db}: journals, history, drift baselines, status)
     * and (with the simulated cloud) the world copy live. Default {@code ~/.turnout/agent}.
     */
    public Path getDataDir() {
        return dataDir;
    }

    public void setDataDir(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** {@code aws} (default) or {@code sim}. */
    public CloudKind getCloud() {
        return cloud;
    }

    public void setCloud(CloudKind cloud) {
        this.cloud = cloud;
    }

    /** The SimulatedWorld file for {@code cloud: sim}; copied into the data directory, never modified. */
    public Optional<Path> getWorld() {
        return Optional.ofNullable(world);
    }

    public void setWorld(Path world) {
        this.world = world;
    }

    /** Only these environments are followed; empty (default): every environment the specs define. */
    public List<String> getEnvironments() {
        return environments;
    }

    public void setEnvironments(List<String> environments) {
        this.environments = environments == null ? List.of() : List.copyOf(environments);
    }

    /** How often each repository is checked for added or removed environments. Default 1m. */
    public Duration getDiscoveryInterval() {
        return discoveryInterval;
    }

    public void setDiscoveryInterval(Duration discoveryInterval) {
        this.discoveryInterval = discoveryInterval;
    }

    /** How many environments may be reconciled at once. Default 4. */
    public int getThreads() {
        return threads;
    }

    public void setThreads(int threads) {
        this.threads = threads;
    }

    /** Commit outcomes kept per environment (the oldest fall out). Default 1000. */
    public int getHistoryLimit() {
        return historyLimit;
    }

    public void setHistoryLimit(int historyLimit) {
        this.historyLimit = historyLimit;
    }

    /** Where people reach the status page ({@code https://turnout.example.com/}): notifications link to it. Default: none. */
    public Optional<String> getStatusPageUrl() {
        return Optional.ofNullable(statusPageUrl).filter(u -> !u.isBlank());
    }

    public void setStatusPageUrl(String statusPageUrl) {
        this.statusPageUrl = statusPageUrl;
    }

    public DataSource getDatasource() {
        return datasource;
    }

    public void setDatasource(DataSource datasource) {
        this.datasource = datasource;
    }

    /**
     * {@code turnout.agent.datasource.*}: a PostgreSQL database for the state store and the clustered
     * scheduler, shared by several replicas. Without a URL the state store is the embedded file in the
     * data directory and the schedule is kept in memory (one replica).
     */
    @ConfigurationProperties("datasource")
    public static class DataSource {
        private String url;
        private String username;
        private String password;
        private Duration clusterCheckinInterval = Duration.ofSeconds(5);
        private Integer maximumPoolSize;

        /** {@code jdbc:postgresql://host:5432/turnout}. */
        public Optional<String> getUrl() {
            return Optional.ofNullable(url).filter(u -> !u.isBlank());
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        /** Best given as {@code TURNOUT_AGENT_DATASOURCE_PASSWORD}; never logged. */
        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        /** How often a replica checks in; a silent replica's work is taken over after this plus 7.5 s. Default 5s. */
        public Duration getClusterCheckinInterval() {
            return clusterCheckinInterval;
        }

        public void setClusterCheckinInterval(Duration clusterCheckinInterval) {
            this.clusterCheckinInterval = clusterCheckinInterval;
        }

        /**
         * The connections of the one pool (state store and Quartz's job store). Default: the threads + 6
         * (a reconcile holds one connection only for a statement or a short transaction).
         */
        public Optional<Integer> getMaximumPoolSize() {
            return Optional.ofNullable(maximumPoolSize);
        }

        public void setMaximumPoolSize(Integer maximumPoolSize) {
            this.maximumPoolSize = maximumPoolSize;
        }

        /**
         * How long an environment's lease lasts unless renewed: the check-in interval + 5 s (10 s by
         * default), shorter than Quartz's failover time (check-in interval + 7.5 s), so that a dead replica's
         * environments are free by the time its jobs are recovered.
         */
        public Duration leaseDuration() {
            return clusterCheckinInterval.plusSeconds(5);
        }

        @Override
        public String toString() {
            return "DataSource[url=" + url + ", username=" + username + ", password=****]";
        }
    }
}
