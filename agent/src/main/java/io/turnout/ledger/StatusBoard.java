package io.turnout.ledger;

import io.turnout.events.DeploymentEvent;
import io.turnout.events.DeploymentSubscriber;
import io.turnout.state.StateStore;
import io.turnout.status.AgentStatus;
import io.turnout.status.EnvironmentStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The read model of the agent ({@link AgentStatus}): one {@link EnvironmentLedger} per environment
 * followed, each kept from the deployment events it subscribes to. Environments come and go as the
 * spec trees change ({@link #follow}, {@link #forget}); reading never blocks a reconcile for longer
 * than one ledger copy.
 */
public final class StatusBoard implements AgentStatus, DeploymentSubscriber {
    private final StateStore store;
    private final ConcurrentMap<String, EnvironmentLedger> ledgers = new ConcurrentHashMap<>();

    public StatusBoard(StateStore store) {
        this.store = store;
    }

    /** The ledger of {@code environment}, created on first use; its events are kept from now on. */
    public EnvironmentLedger follow(String environment, String repository, String branch) {
        return ledgers.computeIfAbsent(environment, name -> new EnvironmentLedger(name, repository, branch, store));
    }

    public void forget(String environment) {
        ledgers.remove(environment);
    }

    public Optional<EnvironmentLedger> ledger(String environment) {
        return Optional.ofNullable(ledgers.get(environment));
    }

    @Override
    public void on(DeploymentEvent event) {
        EnvironmentLedger ledger = ledgers.get(event.environment());
        if (ledger != null) ledger.on(event);
    }

    @Override
    public List<EnvironmentStatus> environments() {
        return ledgers.values().stream().map(EnvironmentLedger::snapshot).sorted(Comparator.comparing(EnvironmentStatus::name)).toList();
    }

    @Override
    public Optional<EnvironmentStatus> environment(String name) {
        return Optional.ofNullable(ledgers.get(name)).map(EnvironmentLedger::snapshot);
    }
}
