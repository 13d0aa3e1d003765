package io.turnout.apply;

import java.time.Instant;
import java.time.InstantSource;

/**
 * Who decides an approval gate. The agent's desk reads the decisions people gave through the API
 * from the journal ({@link JournalApprovals}), so a paused deployment never waits in memory:
 * any process (after a restart, another replica) sees the same decision. {@code turnout apply}
 * asks on its terminal.
 */
@FunctionalInterface
public interface ApprovalDesk {
    /** The decision about {@code pending}, or {@link Decision.Waiting} when nobody decided yet. */
    Decision decide(PendingApproval pending);

    /** A decision, and who made it. */
    sealed interface Decision {
        /** Go on: move production. */
        record Approved(String by, Instant at) implements Decision {}

        /** Roll back. */
        record Rejected(String by, Instant at) implements Decision {}

        /** Nobody decided yet. */
        record Waiting() implements Decision {}
    }

    /** Approves every gate at once (for {@code turnout apply --auto-approve}). */
    static ApprovalDesk approveAll(String by, InstantSource clock) {
        return pending -> new Decision.Approved(by, clock.instant());
    }
}
