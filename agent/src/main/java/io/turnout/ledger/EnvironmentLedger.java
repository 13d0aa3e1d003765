package io.turnout.ledger;

import io.turnout.events.DeploymentEvent.ApprovalDecided;
import io.turnout.events.DeploymentEvent.ApprovalRequested;
import io.turnout.events.DeploymentEvent.CloudCallsCounted;
import io.turnout.events.DeploymentEvent.CommitIdentified;
import io.turnout.events.DeploymentEvent.CommitDecided;
import io.turnout.events.DeploymentEvent.DeploymentFinished;
import io.turnout.events.DeploymentEvent.DeploymentStarted;
import io.turnout.events.DeploymentEvent.DriftChecked;
import io.turnout.events.DeploymentEvent.EngineStageChanged;
import io.turnout.events.DeploymentEvent.HeadPolled;
import io.turnout.events.DeploymentEvent.LiveCommitSeen;
import io.turnout.events.DeploymentEvent.PendingPlanChanged;
import io.turnout.events.DeploymentEvent.PlanMade;
import io.turnout.events.DeploymentEvent.PollFailed;
import io.turnout.events.DeploymentEvent.PollStarted;
import io.turnout.events.DeploymentEvent.ProblemCleared;
import io.turnout.events.DeploymentEvent.ProblemPersists;
import io.turnout.events.DeploymentEvent.ProblemStarted;
import io.turnout.events.DeploymentEvent.RecoveryFinished;
import io.turnout.events.DeploymentEvent.RecoveryStarted;
import io.turnout.events.DeploymentEvent.ServiceFinished;
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
import io.turnout.status.Problem;
import io.turnout.status.ServiceStatus;
import io.turnout.status.WaitingApproval;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the agent knows about one environment, kept from the deployment events of that environment
 * and read by the HTTP API at any time. Everything but the approval gates waiting is in the
 * {@link StateStore} — sync policy, commits, pending plan, drift, services, the deploying flag, and
 * (written by the reconciler that decided them) the problem and the history of outcomes — so that the
 * status survives a restart and every replica sharing the store shows the same. The approval gates
 * are kept in memory (rebuilt from the journal by the reconciler's first poll after a restart).
 * {@link #snapshot()} returns an immutable copy.
 */
public final class EnvironmentLedger {
    /** Outcomes shown per environment. */
    static final int RECENT = 20;

    private final String name;
    private final String repository;
    private final String branch;
    private final StateStore store;
    /** Approval gates waiting, by service; rebuilt from the journal by the reconciler's first poll after a restart. */
    private final Map<String, WaitingApproval> approvals = new TreeMap<>();

    public EnvironmentLedger(String name, String repository, String branch, StateStore store) {
        this.name = name;
        this.repository = repository;
        this.branch = branch;
        this.store = store;
    }

    public String name() {
        return name;
    }

    public synchronized EnvironmentStatus snapshot() {
        List<CommitOutcome> recent = store.recentOutcomes(name, RECENT);
        EnvironmentFacts facts = store.facts(name);
        return new EnvironmentStatus(name, repository, branch, facts.syncPolicy().orElse(EnvironmentStatus.UNKNOWN_POLICY),
                facts.liveCommit(), facts.headCommit(), facts.lastPoll(), facts.deploying(), facts.pendingPlan(), facts.drift(),
                recent.stream().findFirst(), recent, facts.services(), facts.problem(), List.copyOf(approvals.values()));
    }

    /** What keeps the environment from being reconciled, since when, and the next retry; empty when its last poll went well. */
    public Optional<Problem> problem() {
        return store.problem(name);
    }

    /** Takes in one event of this environment. */
    synchronized void on(DeploymentEvent event) {
        switch (event) {
            case HeadPolled e -> store.headPolled(name, e.head(), e.at());
            case SyncPolicySeen e -> store.syncPolicy(name, e.policy());
            case LiveCommitSeen e -> store.liveCommit(name, e.commit());
            case ServicesRead e -> store.services(name, keepUnreadGreens(e.services(), e.greenNotRead()));
            case PendingPlanChanged e -> store.pendingPlan(name, e.plan());
            case DriftChecked e -> store.drift(name, e.drift());
            case DeploymentStarted e -> store.deploying(name, true);
            case DeploymentFinished e -> {
                store.deploying(name, false);
                if (!e.paused()) approvals.clear();
            }
            case RecoveryStarted e -> store.deploying(name, true);
            case RecoveryFinished e -> {
                store.deploying(name, false);
                if (!e.paused()) approvals.clear();
            }
            case ApprovalRequested e -> approvals.put(e.service(), new WaitingApproval(e.service(), e.ecsServiceName(), e.commit(),
                    e.since(), e.deadline()));
            case ApprovalDecided e -> approvals.remove(e.service());
            case CommitIdentified e -> { }
            // the history and the problem are in the store, written by the reconciler that decided
            case CommitDecided e -> { }
            case PollFailed e -> { }
            case ProblemStarted e -> { }
            case ProblemPersists e -> { }
            case ProblemCleared e -> { }
            case PollStarted e -> { }
            case PlanMade e -> { }
            case StepStarted e -> { }
            case EngineStageChanged e -> store.services(name, store.facts(name).services().stream()
                    .map(s -> s.name().equals(e.service()) ? s.withDeployment(e.stage()) : s).toList());
            case StepFinished e -> { }
            case StepFailed e -> { }
            case ServiceFinished e -> { }
            case CloudCallsCounted e -> { }
        }
    }

    /**
     * The services as read now, except that a GREEN slot the reader skipped (BLUE's tags vouched for
     * the desired spec, so nothing about GREEN is needed to plan) keeps what was read last time, as
     * long as the same slot is still BLUE.
     */
    private List<ServiceStatus> keepUnreadGreens(List<ServiceStatus> read, Set<String> greenNotRead) {
        if (greenNotRead.isEmpty()) return read;
        Map<String, ServiceStatus> before = store.facts(name).services().stream().collect(Collectors.toMap(ServiceStatus::name, Function.identity()));
        List<ServiceStatus> merged = new ArrayList<>(read.size());
        for (ServiceStatus now : read) {
            ServiceStatus last = before.get(now.name());
            boolean keep = greenNotRead.contains(now.name()) && last != null && last.blueSlot().equals(now.blueSlot());
            merged.add(keep ? new ServiceStatus(now.name(), now.trafficMode(), now.blueSlot(), now.blueImage(), now.blueCommit(),
                    now.runningCount(), last.green()) : now);
        }
        return merged;
    }
}
