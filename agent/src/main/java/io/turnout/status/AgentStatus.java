package io.turnout.status;

import java.util.List;
import java.util.Optional;

/**
 * What the agent knows now, for the HTTP API and the status page. Implementations return
 * immutable snapshots and are safe to call from any thread at any time (also mid-deployment).
 */
public interface AgentStatus {
    /** Every environment the agent follows, sorted by name. */
    List<EnvironmentStatus> environments();

    Optional<EnvironmentStatus> environment(String name);

    /**
     * What went wrong at the environment's last poll and what happens next, e.g. "cannot fetch …
     * Retrying at the next poll (in about 1m)." or "… refused turnout/production/live … Retried at
     * the next poll"; empty when the last poll went well (or the environment is unknown).
     */
    default Optional<String> problem(String environment) {
        return Optional.empty();
    }
}
