package io.turnout.reconcile;

import io.turnout.source.GitSourceException;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SyncPolicy;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every spec repository the agent follows and the reconciler of each environment they define,
 * created when an environment is first seen (by discovery, or by a scheduled job that fires on
 * this replica first) and dropped when the specs no longer define it. An environment belongs to
 * the first repository that defines it; a second repository defining the same name is ignored
 * with a warning, because two sources of truth for one environment would fight.
 */
public final class Reconcilers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reconcilers.class);

    private final Map<String, SpecRepository> repositories = new LinkedHashMap<>();
    private final CloudAccess cloud;
    private final Path dataDir;
    private final ReconcileMetrics metrics;
    private final InstantSource wallClock;
    private final Set<String> environmentFilter;
    private final StatusBoard board;
    private final ConcurrentMap<String, EnvironmentReconciler> reconcilers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, SortedMap<String, SyncPolicy>> discovered = new ConcurrentHashMap<>();

    /**
     * @param environmentFilter the environments to follow; empty: every environment the specs define
     */
    public Reconcilers(List<SpecRepository> repositories, CloudAccess cloud, Path dataDir, ReconcileMetrics metrics,
                       InstantSource wallClock, Set<String> environmentFilter, StatusBoard board) {
        repositories.forEach(r -> this.repositories.put(r.id(), r));
        this.cloud = Objects.requireNonNull(cloud, "cloud");
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.environmentFilter = Set.copyOf(environmentFilter);
        this.board = Objects.requireNonNull(board, "board");
    }

    public List<SpecRepository> repositories() {
        return List.copyOf(repositories.values());
    }

    public Optional<SpecRepository> repository(String id) {
        return Optional.ofNullable(repositories.get(id));
    }

    public StatusBoard board() {
        return board;
    }

    public CloudAccess cloud() {
        return cloud;
    }

    /**
     * Polls {@code repositoryId} and returns the environments its head defines (after the filter)
     * with their sync policies. When the head's specs are invalid, the environments found last
     * time are kept: an invalid commit must not stop the schedule.
     */
    public SortedMap<String, SyncPolicy> discover(String repositoryId) throws GitSourceException {
        SpecRepository repository = repository(repositoryId).orElseThrow(() -> new IllegalArgumentException("no repository " + repositoryId));
        SpecRepository.Snapshot snapshot = repository.poll();
        if (snapshot.specs().tree().isEmpty()) return discovered.getOrDefault(repositoryId, new TreeMap<>());
        SortedMap<String, SyncPolicy> found = new TreeMap<>();
        for (EnvironmentSpec environment : snapshot.specs().tree().get().environments()) {
            if (!environmentFilter.isEmpty() && !environmentFilter.contains(environment.name())) continue;
            EnvironmentReconciler existing = reconcilers.get(environment.name());
            if (existing != null && !existing.repository().id().equals(repositoryId)) {
                LOG.warn("environment {} is defined by both {} and {}: following it from {} only", environment.name(),
                        existing.repository().displayUrl(), repository.displayUrl(), existing.repository().displayUrl());
                continue;
            }
            found.put(environment.name(), environment.sync());
            reconciler(repositoryId, environment.name());
        }
        SortedMap<String, SyncPolicy> before = discovered.put(repositoryId, found);
        if (before != null) {
            for (String gone : before.keySet()) {
                if (!found.containsKey(gone)) {
                    LOG.info("environment {} is no longer defined at the head of {}: no longer followed", gone, repository.displayUrl());
                    reconcilers.remove(gone);
                    board.remove(gone);
                }
            }
        }
        return found;
    }

    /** The environments discovered last in {@code repositoryId}. */
    public SortedMap<String, SyncPolicy> discovered(String repositoryId) {
        return new TreeMap<>(discovered.getOrDefault(repositoryId, new TreeMap<>()));
    }

    /** The reconciler of {@code environment} in {@code repositoryId}, created on first use. */
    public EnvironmentReconciler reconciler(String repositoryId, String environment) {
        return reconcilers.computeIfAbsent(environment, name -> {
            SpecRepository repository = repository(repositoryId).orElseThrow(() -> new IllegalArgumentException("no repository " + repositoryId));
            EnvironmentReconciler created = new EnvironmentReconciler(name, repository, cloud, dataDir, metrics, wallClock);
            board.add(created.ledger());
            return created;
        });
    }

    public Optional<EnvironmentReconciler> reconciler(String environment) {
        return Optional.ofNullable(reconcilers.get(environment));
    }

    @Override
    public void close() {
        repositories.values().forEach(SpecRepository::close);
        cloud.close();
    }
}
