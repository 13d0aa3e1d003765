package io.turnout.apply;

import java.time.Instant;
import java.util.Optional;

/**
 * A deployment of one service paused at its approval gate: the new version ({@code ecsServiceName})
 * is verified, production untouched.
 *
 * @param commit   the spec commit being deployed, when known: an approval must name it
 * @param since    when the deployment reached the gate (journaled, so a restart does not reset it)
 * @param deadline when it is rolled back if nobody decided
 */
public record PendingApproval(String environment, String service, String ecsServiceName, Optional<String> commit,
                              Instant since, Instant deadline) {}
