package io.turnout.reconcile;

import io.turnout.cloud.CloudAccess;
import io.turnout.events.DeploymentEvent.SyncPolicySeen;
import io.turnout.events.DeploymentEvents;
import io.turnout.ledger.StatusBoard;
import io.turnout.source.GitSourceException;
import io.turnout.source.SpecSource;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SyncPolicy;
import io.turnout.state.StateStore;
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

    private final Map<String, SpecSource> repositories = new LinkedHashMap<>();
    private final CloudAccess cloud;
    private final StateStore store;
    private final DeploymentEvents events;
    private final InstantSource wallClock;
    private final Set<String> environmentFilter;
    private final StatusBoard board;
    private final ConcurrentMap<String, EnvironmentReconciler> reconcilers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, SortedMap<String, SyncPolicy>> discovered = new ConcurrentHashMap<>();

    /**
     * @param events            where every reconciler publishes; {@code board} is subscribed to it here
     * @param environmentFilter the environments to follow; empty: every environment the specs define
     */
    public Reconcilers(List<? extends SpecSource> repositories, CloudAccess cloud, StateStore store, DeploymentEvents events,
                       StatusBoard board, InstantSource wallClock, Set<String> environmentFilter) {
        repositories.forEach(r -> this.repositories.put(r.id(), r));
        this.cloud = Objects.requireNonNull(cloud, "cloud");
        this.store = Objects.requireNonNull(store, "store");
        this.events = Objects.requireNonNull(events, "events");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.environmentFilter = Set.copyOf(environmentFilter);
        this.board = Objects.requireNonNull(board, "board");
        events.subscribe(board);
    }

    public List<SpecSource> repositories() {
        return List.copyOf(repositories.values());
    }

    public Optional<SpecSource> repository(String id) {
        return Optional.ofNullable(repositories.get(id));
    }

    public StatusBoard board() {
        return board;
    }

    public CloudAccess cloud() {
        return cloud;
    }

    public StateStore store() {
        return store;
    }

    public DeploymentEvents events() {
        return events;
    }

    /**
     * Polls {@code repositoryId} and returns the environments its head defines (after the filter)
     * with their sync policies. When the head's specs are invalid, the environments found last
     * time are kept (by this process, or before a restart: the state store keeps them): an invalid
     * commit must not stop the schedule, nor empty the status.
     */
    public SortedMap<String, SyncPolicy> discover(String repositoryId) throws GitSourceException {
        SpecSource repository = repository(repositoryId).orElseThrow(() -> new IllegalArgumentException("no repository " + repositoryId));
        SpecSource.Snapshot snapshot = repository.poll();
        if (snapshot.specs().tree().isEmpty()) {
            SortedMap<String, SyncPolicy> known = discovered.computeIfAbsent(repositoryId, id -> new TreeMap<>(store.environmentsOf(id)));
            known.keySet().forEach(name -> reconciler(repositoryId, name));
            return new TreeMap<>(known);
        }
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
            // the policy is known from discovery on, before the environment's first poll (and after a restart)
            String policy = environment.sync().mode().specValue();
            if (!store.syncPolicy(environment.name()).equals(Optional.of(policy))) {
                events.publish(new SyncPolicySeen(environment.name(), wallClock.instant(), policy));
            }
        }
        SortedMap<String, SyncPolicy> before = discovered.put(repositoryId, found);
        store.environmentsOf(repositoryId, found);
        if (before != null) {
            for (String gone : before.keySet()) {
                if (!found.containsKey(gone)) {
                    LOG.info("environment {} is no longer defined at the head of {}: no longer followed", gone, repository.displayUrl());
                    reconcilers.remove(gone);
                    board.forget(gone);
                    store.forget(gone);
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
            SpecSource repository = repository(repositoryId).orElseThrow(() -> new IllegalArgumentException("no repository " + repositoryId));
            board.follow(name, repository.displayUrl(), repository.branch());
            return new EnvironmentReconciler(name, repository, cloud, store, events, wallClock);
        });
    }

    public Optional<EnvironmentReconciler> reconciler(String environment) {
        return Optional.ofNullable(reconcilers.get(environment));
    }

    @Override
    public void close() {
        repositories.values().forEach(SpecSource::close);
        cloud.close();
        store.close();
    }
}
