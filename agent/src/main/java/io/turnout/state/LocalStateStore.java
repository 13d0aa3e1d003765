package io.turnout.state;

import io.turnout.plan.Plan;
import io.turnout.status.CommitOutcome;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The state of one agent process: deployment journals from a factory (files under the data
 * directory, {@code <dataDir>/journal/<env>.jsonl}, so that an interrupted deployment survives a
 * restart; or in memory), everything else in memory and gone with the process.
 */
public final class LocalStateStore implements StateStore {
    /** Outcomes kept per environment: the history shown and the commits remembered as decided. */
    static final int KEPT_OUTCOMES = 500;

    private final Function<String, Journal> journalFactory;
    private final Map<String, Journal> journals = new ConcurrentHashMap<>();
    private final Map<String, Environment> environments = new ConcurrentHashMap<>();

    /** One environment's entries; guarded by its own monitor. */
    private static final class Environment {
        final Deque<CommitOutcome> outcomes = new ArrayDeque<>();
        Optional<DriftBaseline> baseline = Optional.empty();
        Optional<Plan> pendingPlan = Optional.empty();
        Optional<String> problem = Optional.empty();
        Optional<String> syncPolicy = Optional.empty();
    }

    public LocalStateStore(Function<String, Journal> journalFactory) {
        this.journalFactory = journalFactory;
    }

    /** Journals as files under {@code dataDir}, the rest in memory: the agent and {@code turnout apply}. */
    public static LocalStateStore withFileJournals(Path dataDir) {
        return new LocalStateStore(environment -> new FileJournal(dataDir, environment));
    }

    /** Everything in memory: tests, and runs where surviving a restart does not matter. */
    public static LocalStateStore inMemory() {
        return new LocalStateStore(environment -> new MemoryJournal());
    }

    @Override
    public Journal journal(String environment) {
        return journals.computeIfAbsent(environment, journalFactory);
    }

    private Environment of(String environment) {
        return environments.computeIfAbsent(environment, e -> new Environment());
    }

    @Override
    public void recordOutcome(String environment, CommitOutcome outcome) {
        Environment e = of(environment);
        synchronized (e) {
            e.outcomes.addFirst(outcome);
            while (e.outcomes.size() > KEPT_OUTCOMES) e.outcomes.removeLast();
        }
    }

    @Override
    public List<CommitOutcome> recentOutcomes(String environment, int limit) {
        Environment e = of(environment);
        synchronized (e) {
            return e.outcomes.stream().limit(limit).toList();
        }
    }

    @Override
    public boolean decided(String environment, String commit) {
        Environment e = of(environment);
        synchronized (e) {
            return e.outcomes.stream().anyMatch(o -> o.commit().equals(commit));
        }
    }

    @Override
    public void driftBaseline(String environment, DriftBaseline baseline) {
        Environment e = of(environment);
        synchronized (e) {
            e.baseline = Optional.of(baseline);
        }
    }

    @Override
    public Optional<DriftBaseline> driftBaseline(String environment) {
        Environment e = of(environment);
        synchronized (e) {
            return e.baseline;
        }
    }

    @Override
    public void pendingPlan(String environment, Optional<Plan> plan) {
        Environment e = of(environment);
        synchronized (e) {
            e.pendingPlan = plan;
        }
    }

    @Override
    public Optional<Plan> pendingPlan(String environment) {
        Environment e = of(environment);
        synchronized (e) {
            return e.pendingPlan;
        }
    }

    @Override
    public void problem(String environment, Optional<String> problem) {
        Environment e = of(environment);
        synchronized (e) {
            e.problem = problem;
        }
    }

    @Override
    public Optional<String> problem(String environment) {
        Environment e = of(environment);
        synchronized (e) {
            return e.problem;
        }
    }

    @Override
    public void syncPolicy(String environment, String policy) {
        Environment e = of(environment);
        synchronized (e) {
            e.syncPolicy = Optional.of(policy);
        }
    }

    @Override
    public Optional<String> syncPolicy(String environment) {
        Environment e = of(environment);
        synchronized (e) {
            return e.syncPolicy;
        }
    }

    @Override
    public void forget(String environment) {
        environments.remove(environment);
    }
}
