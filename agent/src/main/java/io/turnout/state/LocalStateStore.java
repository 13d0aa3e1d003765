package io.turnout.state;

import io.turnout.plan.Plan;
import io.turnout.status.CommitOutcome;
import io.turnout.status.Problem;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
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
        Optional<Problem> problem = Optional.empty();
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

    /** Reads one environment's entries under its monitor. */
    private <T> T read(String environment, Function<Environment, T> what) {
        Environment e = of(environment);
        synchronized (e) {
            return what.apply(e);
        }
    }

    /** Changes one environment's entries under its monitor. */
    private void write(String environment, Consumer<Environment> change) {
        Environment e = of(environment);
        synchronized (e) {
            change.accept(e);
        }
    }

    @Override
    public void recordOutcome(String environment, CommitOutcome outcome) {
        write(environment, e -> {
            e.outcomes.addFirst(outcome);
            while (e.outcomes.size() > KEPT_OUTCOMES) e.outcomes.removeLast();
        });
    }

    @Override
    public List<CommitOutcome> recentOutcomes(String environment, int limit) {
        return read(environment, e -> e.outcomes.stream().limit(limit).toList());
    }

    @Override
    public boolean decided(String environment, String commit) {
        return read(environment, e -> e.outcomes.stream().anyMatch(o -> o.commit().equals(commit)));
    }

    @Override
    public void driftBaseline(String environment, DriftBaseline baseline) {
        write(environment, e -> e.baseline = Optional.of(baseline));
    }

    @Override
    public Optional<DriftBaseline> driftBaseline(String environment) {
        return read(environment, e -> e.baseline);
    }

    @Override
    public void pendingPlan(String environment, Optional<Plan> plan) {
        write(environment, e -> e.pendingPlan = plan);
    }

    @Override
    public Optional<Plan> pendingPlan(String environment) {
        return read(environment, e -> e.pendingPlan);
    }

    @Override
    public void problem(String environment, Optional<Problem> problem) {
        write(environment, e -> e.problem = problem);
    }

    @Override
    public Optional<Problem> problem(String environment) {
        return read(environment, e -> e.problem);
    }

    @Override
    public void syncPolicy(String environment, String policy) {
        write(environment, e -> e.syncPolicy = Optional.of(policy));
    }

    @Override
    public Optional<String> syncPolicy(String environment) {
        return read(environment, e -> e.syncPolicy);
    }

    @Override
    public void forget(String environment) {
        environments.remove(environment);
    }
}
