package io.turnout.spec;

import java.time.Duration;

/**
 * A person approves before production moves: the deployment pauses once the new version is
 * verified (production untouched) until approved (then it moves) or rejected, or until
 * {@code timeout} passes (then it is rolled back).
 *
 * @param required whether a person must approve ({@code approval: required})
 * @param timeout  how long the deployment waits (default 24h)
 */
public record ApprovalGate(boolean required, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);
    public static final ApprovalGate NONE = new ApprovalGate(false, DEFAULT_TIMEOUT);
}
