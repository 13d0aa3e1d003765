package io.turnout.status;

import java.time.Instant;
import java.util.Optional;

/**
 * A service whose deployment waits at its approval gate: {@code ecsServiceName} runs the new
 * version, verified; production is untouched until a person approves.
 *
 * @param commit   the commit being deployed: approving means naming it
 * @param since    when it started waiting
 * @param deadline when it is rolled back unless approved
 */
public record WaitingApproval(String service, String ecsServiceName, Optional<String> commit, Instant since, Instant deadline) {}
