package io.turnout.state;

import io.turnout.plan.Plan;
import io.turnout.spec.SyncPolicy;
import io.turnout.status.CommitOutcome;
import io.turnout.status.Problem;
import io.turnout.status.ServiceStatus;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything in memory, gone with the process: for tests, and for runs where surviving a restart
 * does not matter. Leases are this process's only (they never expire: nothing else could take them).
 */
public final class LocalStateStore implements StateStore {
    private final int historyLimit;
    private final String owner;
    private final InstantSource clock;
    private final Map<String, LocalJournal> journals = new ConcurrentHashMap<>();
    private final Map<String, Environment> environments = new ConcurrentHashMap<>();
    private final Map<String, LeaseHolder> leases = new ConcurrentHashMap<>();
    private final Map<String, SortedMap<String, SyncPolicy>> repositories = new ConcurrentHashMap<>();

    /** One environment's entries; guarded by its own monitor. */
    private static final class Environment {
        final Deque<CommitOutcome> outcomes = new ArrayDeque<>();
        Optional<DriftBaseline> baseline = Optional.empty();
        EnvironmentFacts facts = EnvironmentFacts.NONE;
    }

    public LocalStateStore(int historyLimit, String owner, InstantSource clock) {
        if (historyLimit < 1) throw new IllegalArgumentException("the history limit must be at least 1, was " + historyLimit);
        this.historyLimit = historyLimit;
        this.owner = owner;
        this.clock = clock;
    }

    public static LocalStateStore inMemory() {
        return new LocalStateStore(DEFAULT_HISTORY_LIMIT, "this process", InstantSource.system());
    }

    @Override
    public EnvironmentLease lease(String environment) {
        Instant now = clock.instant();
        LeaseHolder mine = new LeaseHolder(owner, now, Instant.MAX);
        LeaseHolder held = leases.putIfAbsent(environment, mine);
        if (held != null) throw new EnvironmentBusyException(environment, held);
        return new EnvironmentLease() {
            @Override
            public String environment() {
                return environment;
            }

            @Override
            public boolean lost() {
                return leases.get(environment) != mine;
            }

            @Override
            public void close() {
                leases.remove(environment, mine);
            }
        };
    }

    @Override
    public Optional<LeaseHolder> holder(String environment) {
        return Optional.ofNullable(leases.get(environment));
    }

    private void requireLease(String environment) {
        if (!leases.containsKey(environment)) throw new LeaseLostException(environment, "no lease was taken");
    }

    /** A journal in memory that accepts entries only while the lease is held; compaction empties it. */
    private final class LocalJournal implements Journal {
        private final String environment;
        private final List<ObjectNode> entries = new ArrayList<>();

        LocalJournal(String environment) {
            this.environment = environment;
        }

        @Override
        public synchronized void append(ObjectNode entry) {
            requireLease(environment);
            entries.add(entry.deepCopy());
        }

        @Override
        public synchronized List<ObjectNode> entries() {
            return entries.stream().map(ObjectNode::deepCopy).toList();
        }

        synchronized void clear() {
            entries.clear();
        }
    }

    @Override
    public Journal journal(String environment) {
        return journals.computeIfAbsent(environment, LocalJournal::new);
    }

    @Override
    public void compactJournal(String environment) {
        requireLease(environment);
        journals.computeIfAbsent(environment, LocalJournal::new).clear();
    }

    private Environment of(String environment) {
        return environments.computeIfAbsent(environment, e -> new Environment());
    }

    /** For reads: an environment never written is not created by reading it. */
    private Environment read(String environment) {
        return environments.getOrDefault(environment, new Environment());
    }

    @Override
    public void recordOutcome(String environment, CommitOutcome outcome) {
        requireLease(environment);
        Environment e = of(environment);
        synchronized (e) {
            e.outcomes.addFirst(outcome);
            while (e.outcomes.size() > historyLimit) e.outcomes.removeLast();
        }
    }

    @Override
    public List<CommitOutcome> recentOutcomes(String environment, int limit) {
        Environment e = read(environment);
        synchronized (e) {
            return e.outcomes.stream().limit(limit).toList();
        }
    }

    @Override
    public boolean decided(String environment, String commit) {
        Environment e = read(environment);
        synchronized (e) {
            return e.outcomes.stream().anyMatch(o -> o.commit().equals(commit));
        }
    }

    @Override
    public void driftBaseline(String environment, DriftBaseline baseline) {
        requireLease(environment);
        Environment e = of(environment);
        synchronized (e) {
            e.baseline = Optional.of(baseline);
        }
    }

    @Override
    public Optional<DriftBaseline> driftBaseline(String environment) {
        Environment e = read(environment);
        synchronized (e) {
            return e.baseline;
        }
    }

    @Override
    public EnvironmentFacts facts(String environment) {
        Environment e = read(environment);
        synchronized (e) {
            return e.facts;
        }
    }

    private void update(String environment, UnaryOperator<EnvironmentFacts> change) {
        requireLease(environment);
        updateUnfenced(environment, change);
    }

    private void updateUnfenced(String environment, UnaryOperator<EnvironmentFacts> change) {
        Environment e = of(environment);
        synchronized (e) {
            e.facts = change.apply(e.facts);
        }
    }

    @Override
    public void handledHead(String environment, String commit) {
        update(environment, f -> new EnvironmentFacts(f.syncPolicy(), Optional.of(commit), f.headCommit(), f.lastPoll(), f.liveCommit(),
                f.deploying(), f.pendingPlan(), f.drift(), f.problem(), f.services()));
    }

    @Override
    public void headPolled(String environment, String head, Instant at) {
        update(environment, f -> new EnvironmentFacts(f.syncPolicy(), f.handledHead(), Optional.of(head), Optional.of(at), f.liveCommit(),
                f.deploying(), f.pendingPlan(), f.drift(), f.problem(), f.services()));
    }

    @Override
    public void liveCommit(String environment, Optional<String> commit) {
        update(environment, f -> new EnvironmentFacts(f.syncPolicy(), f.handledHead(), f.headCommit(), f.lastPoll(), commit,
                f.deploying(), f.pendingPlan(), f.drift(), f.problem(), f.services()));
    }

    @Override
    public void deploying(String environment, boolean deploying) {
        update(environment, f -> new EnvironmentFacts(f.syncPolicy(), f.handledHead(), f.headCommit(), f.lastPoll(), f.liveCommit(),
                deploying, f.pendingPlan(), f.drift(), f.problem(), f.services()));
    }

    @Override
    public void drift(String environment, List<String> drift) {
        update(environment, f -> new EnvironmentFacts(f.syncPolicy(), f.handledHead(), f.headCommit(), f.lastPoll(), f.liveCommit(),
                f.deploying(), f.pendingPlan(), drift, f.problem(), f.services()));
    }

    @Override
    public void services(String environment, List<ServiceStatus> services) {
        update(environment, f -> new EnvironmentFacts(f.syncPolicy(), f.handledHead(), f.headCommit(), f.lastPoll(), f.liveCommit(),
                f.deploying(), f.pendingPlan(), f.drift(), f.problem(), services));
    }

    @Override
    public void pendingPlan(String environment, Optional<Plan> plan) {
        update(environment, f -> new EnvironmentFacts(f.syncPolicy(), f.handledHead(), f.headCommit(), f.lastPoll(), f.liveCommit(),
                f.deploying(), plan, f.drift(), f.problem(), f.services()));
    }

    @Override
    public void problem(String environment, Optional<Problem> problem) {
        update(environment, f -> new EnvironmentFacts(f.syncPolicy(), f.handledHead(), f.headCommit(), f.lastPoll(), f.liveCommit(),
                f.deploying(), f.pendingPlan(), f.drift(), problem, f.services()));
    }

    @Override
    public void syncPolicy(String environment, String policy) {
        updateUnfenced(environment, f -> new EnvironmentFacts(Optional.of(policy), f.handledHead(), f.headCommit(), f.lastPoll(), f.liveCommit(),
                f.deploying(), f.pendingPlan(), f.drift(), f.problem(), f.services()));
    }

    @Override
    public void environmentsOf(String repository, SortedMap<String, SyncPolicy> environments) {
        repositories.put(repository, new TreeMap<>(environments));
    }

    @Override
    public SortedMap<String, SyncPolicy> environmentsOf(String repository) {
        return new TreeMap<>(repositories.getOrDefault(repository, new TreeMap<>()));
    }

    @Override
    public SortedSet<String> environments() {
        SortedSet<String> all = new TreeSet<>(environments.keySet());
        journals.forEach((name, journal) -> {
            if (!journal.entries().isEmpty()) all.add(name);
        });
        return all;
    }

    @Override
    public String describe() {
        return "in memory";
    }

    @Override
    public void forget(String environment) {
        environments.remove(environment);
    }
}
