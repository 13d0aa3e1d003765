package io.turnout.reconcile;

import io.turnout.agent.CommitOutcome;
import io.turnout.agent.EnvironmentStatus;
import io.turnout.agent.ServiceStatus;
import io.turnout.plan.Plan;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;

/**
 * What the agent knows about one environment, written by its reconciler and read by the HTTP API
 * at any time: every method is synchronized and {@link #snapshot()} returns an immutable copy.
 */
public final class EnvironmentLedger {
    static final int RECENT = 20;
    /** Commits remembered as decided, so that a commit is never reported twice (e.g. INVALID, then SUPERSEDED). */
    private static final int DECIDED = 500;

    private final String name;
    private final String repository;
    private final String branch;
    private String syncPolicy = "plan-only";
    private Optional<String> liveCommit = Optional.empty();
    private Optional<String> headCommit = Optional.empty();
    private Optional<Instant> lastPoll = Optional.empty();
    private boolean deploying;
    private Optional<Plan> pendingPlan = Optional.empty();
    private List<String> drift = List.of();
    private final Deque<CommitOutcome> recent = new ArrayDeque<>();
    private List<ServiceStatus> services = List.of();
    private Optional<String> problem = Optional.empty();
    private final SequencedSet<String> decided = new LinkedHashSet<>();

    public EnvironmentLedger(String name, String repository, String branch) {
        this.name = name;
        this.repository = repository;
        this.branch = branch;
    }

    public String name() {
        return name;
    }

    public synchronized EnvironmentStatus snapshot() {
        return new EnvironmentStatus(name, repository, branch, syncPolicy, liveCommit, headCommit, lastPoll, deploying,
                pendingPlan, drift, Optional.ofNullable(recent.peekFirst()), List.copyOf(recent), services);
    }

    /** What went wrong at the last poll and what happens next, e.g. "… retrying at the next poll"; empty when all went well. */
    public synchronized Optional<String> problem() {
        return problem;
    }

    synchronized void polled(String head, Instant at) {
        headCommit = Optional.of(head);
        lastPoll = Optional.of(at);
    }

    synchronized void syncPolicy(String policy) {
        syncPolicy = policy;
    }

    synchronized void liveCommit(Optional<String> commit) {
        liveCommit = commit;
    }

    synchronized void deploying(boolean now) {
        deploying = now;
    }

    synchronized void pendingPlan(Optional<Plan> plan) {
        pendingPlan = plan;
    }

    synchronized void drift(List<String> lines) {
        drift = List.copyOf(lines);
    }

    synchronized void services(List<ServiceStatus> now) {
        services = List.copyOf(now);
    }

    synchronized void problem(Optional<String> what) {
        problem = what;
    }

    synchronized boolean decided(String commit) {
        return decided.contains(commit);
    }

    /** Adds an outcome (newest first, at most {@value #RECENT} kept). */
    synchronized void record(CommitOutcome outcome) {
        recent.addFirst(outcome);
        while (recent.size() > RECENT) recent.removeLast();
        decided.add(outcome.commit());
        while (decided.size() > DECIDED) decided.removeFirst();
    }
}
