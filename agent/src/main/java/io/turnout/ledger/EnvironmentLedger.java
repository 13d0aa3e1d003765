package io.turnout.ledger;

import io.turnout.events.DeploymentEvent.CloudCallsCounted;
import io.turnout.events.DeploymentEvent.CommitDecided;
import io.turnout.events.DeploymentEvent.DeploymentFinished;
import io.turnout.events.DeploymentEvent.DeploymentStarted;
import io.turnout.events.DeploymentEvent.DriftChecked;
import io.turnout.events.DeploymentEvent.HeadPolled;
import io.turnout.events.DeploymentEvent.LiveCommitSeen;
import io.turnout.events.DeploymentEvent.PendingPlanChanged;
import io.turnout.events.DeploymentEvent.PlanMade;
import io.turnout.events.DeploymentEvent.PollFailed;
import io.turnout.events.DeploymentEvent.PollStarted;
import io.turnout.events.DeploymentEvent.ProblemNoted;
import io.turnout.events.DeploymentEvent.RecoveryFinished;
import io.turnout.events.DeploymentEvent.RecoveryStarted;
import io.turnout.events.DeploymentEvent.ServicesRead;
import io.turnout.events.DeploymentEvent.StepFailed;
import io.turnout.events.DeploymentEvent.StepFinished;
import io.turnout.events.DeploymentEvent.StepStarted;
import io.turnout.events.DeploymentEvent.SyncPolicySeen;
import io.turnout.events.DeploymentEvent;
import io.turnout.state.EnvironmentFacts;
import io.turnout.state.StateStore;
import io.turnout.status.CommitOutcome;
import io.turnout.status.EnvironmentStatus;
import java.util.List;
import java.util.Optional;

/**
 * What the agent knows about one environment, kept from the deployment events of that environment
 * and read by the HTTP API at any time. Everything is in the {@link StateStore} — sync policy,
 * commits, pending plan, drift, problem, services, the history of outcomes — so that the status
 * survives a restart and every replica sharing the store shows the same. {@link #snapshot()}
 * returns an immutable copy.
 */
public final class EnvironmentLedger {
    /** Outcomes shown per environment. */
    static final int RECENT = 20;

    private final String name;
    private final String repository;
    private final String branch;
    private final StateStore store;

    public EnvironmentLedger(String name, String repository, String branch, StateStore store) {
        this.name = name;
        this.repository = repository;
        this.branch = branch;
        this.store = store;
    }

    public String name() {
        return name;
    }

    public EnvironmentStatus snapshot() {
        EnvironmentFacts facts = store.facts(name);
        List<CommitOutcome> recent = store.recentOutcomes(name, RECENT);
        return new EnvironmentStatus(name, repository, branch, facts.syncPolicy().orElse("plan-only"), facts.liveCommit(),
                facts.headCommit(), facts.lastPoll(), facts.deploying(), facts.pendingPlan(), facts.drift(), recent.stream().findFirst(),
                recent, facts.services());
    }

    /** What went wrong at the last poll and what happens next, e.g. "… retrying at the next poll"; empty when all went well. */
    public Optional<String> problem() {
        return store.problem(name);
    }

    /** Takes in one event of this environment (published by the holder of its lease, which alone may write its state). */
    void on(DeploymentEvent event) {
        switch (event) {
            case HeadPolled e -> {
                store.headPolled(name, e.head(), e.at());
                store.problem(name, Optional.empty());
            }
            case PollFailed e -> store.problem(name, Optional.of(e.problem()));
            case ProblemNoted e -> store.problem(name, Optional.of(e.problem()));
            case SyncPolicySeen e -> store.syncPolicy(name, e.policy());
            case LiveCommitSeen e -> store.liveCommit(name, e.commit());
            case ServicesRead e -> store.services(name, e.services());
            case PendingPlanChanged e -> store.pendingPlan(name, e.plan());
            case DriftChecked e -> store.drift(name, e.drift());
            case DeploymentStarted e -> store.deploying(name, true);
            case DeploymentFinished e -> store.deploying(name, false);
            case RecoveryStarted e -> store.deploying(name, true);
            case RecoveryFinished e -> {
                store.deploying(name, false);
                if (e.result().isPresent() && !e.succeeded()) store.problem(name, Optional.of(e.describe()));
            }
            // the history itself is in the store, written by the reconciler that decided
            case CommitDecided e -> { }
            case PollStarted e -> { }
            case PlanMade e -> { }
            case StepStarted e -> { }
            case StepFinished e -> { }
            case StepFailed e -> { }
            case CloudCallsCounted e -> { }
        }
    }
}
