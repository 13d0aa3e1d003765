package io.turnout.reconcile;

import io.turnout.agent.AgentStatus;
import io.turnout.agent.EnvironmentStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The read model of the agent ({@link AgentStatus}): the ledgers of every environment followed,
 * by environment name. Environments come and go as the spec trees change; reading never blocks
 * a reconcile for longer than one ledger copy.
 */
public final class StatusBoard implements AgentStatus {
    private final ConcurrentMap<String, EnvironmentLedger> ledgers = new ConcurrentHashMap<>();

    public void add(EnvironmentLedger ledger) {
        ledgers.put(ledger.name(), ledger);
    }

    public void remove(String environment) {
        ledgers.remove(environment);
    }

    @Override
    public List<EnvironmentStatus> environments() {
        return ledgers.values().stream().map(EnvironmentLedger::snapshot).sorted(Comparator.comparing(EnvironmentStatus::name)).toList();
    }

    @Override
    public Optional<EnvironmentStatus> environment(String name) {
        return Optional.ofNullable(ledgers.get(name)).map(EnvironmentLedger::snapshot);
    }

    @Override
    public Optional<String> problem(String environment) {
        return Optional.ofNullable(ledgers.get(environment)).flatMap(EnvironmentLedger::problem);
    }
}
