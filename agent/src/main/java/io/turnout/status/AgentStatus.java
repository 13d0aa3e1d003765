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
}
