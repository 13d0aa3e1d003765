package io.turnout.reconcile;

import io.turnout.apply.JournalApprovals;
import io.turnout.ledger.StatusBoard;
import io.turnout.state.EnvironmentBusyException;
import io.turnout.state.EnvironmentLease;
import io.turnout.state.StateStore;
import io.turnout.status.Approvals;
import io.turnout.status.Approvals.Answer.Result;
import io.turnout.status.EnvironmentStatus;
import io.turnout.status.WaitingApproval;
import io.turnout.text.CommitIds;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Optional;

/**
 * Approvals as the agent keeps them: checked against what the environment waits for now (its
 * ledger), then journaled ({@link JournalApprovals}) in the environment's state store, where the
 * reconciler finds them at its next poll — also after a restart.
 */
public final class ApprovalService implements Approvals {
    /** A commit prefix shorter than this could match by accident. */
    static final int SHORTEST_PREFIX = 7;

    /** How long a decision waits for the environment's lease by default: a poll holds it for moments. */
    public static final Duration LEASE_WAIT = Duration.ofSeconds(10);
    private static final Duration LEASE_RETRY = Duration.ofMillis(100);

    private final StatusBoard board;
    private final StateStore store;
    private final InstantSource clock;
    private final Duration leaseWait;

    public ApprovalService(StatusBoard board, StateStore store, InstantSource clock) {
        this(board, store, clock, LEASE_WAIT);
    }

    /** @param leaseWait how long a decision waits for the environment's lease before it is answered {@link Result#BUSY} */
    public ApprovalService(StatusBoard board, StateStore store, InstantSource clock, Duration leaseWait) {
        this.board = board;
        this.store = store;
        this.clock = clock;
        this.leaseWait = leaseWait;
    }

    @Override
    public Answer decide(String environment, String commit, Decision decision, String by) {
        try {
            return decideUnderLease(environment, commit, decision, by);
        } catch (EnvironmentBusyException busy) {
            // e.g. a deployment of another service (or a recovery) runs for longer than a person waits
            return new Answer(Result.BUSY, environment + " is busy: it is being changed by " + busy.holder().describe()
                    + ". Nothing was recorded: try again in a moment (the lease is released when that work ends; a holder that"
                    + " died leaves it when its lease runs out)");
        }
    }

    private Answer decideUnderLease(String environment, String commit, Decision decision, String by) {
        Optional<EnvironmentStatus> found = board.environment(environment);
        if (found.isEmpty()) return new Answer(Result.UNKNOWN_ENVIRONMENT, "no environment named '" + environment + "'");
        EnvironmentStatus status = found.get();
        boolean approve = decision == Decision.APPROVE;
        if (status.waitingForApproval()) {
            WaitingApproval waiting = status.approvals().getFirst();
            String waitingCommit = waiting.commit().orElse("");
            if (!matches(waitingCommit, commit)) return otherCommit(environment, waitingCommit, commit);
            journal(environment, new JournalApprovals.Entry(JournalApprovals.GATE, waitingCommit, Optional.empty(), approve, by,
                    clock.instant()));
            String services = String.join(", ", status.approvals().stream().map(WaitingApproval::service).toList());
            return new Answer(Result.RECORDED, (approve ? "approved" : "rejected") + " by " + by + ": the deployment of "
                    + CommitIds.shorten(waitingCommit) + " to " + environment + " (" + services + ") "
                    + (approve ? "moves production now" : "is rolled back now; production was never touched"));
        }
        Optional<String> pending = status.approvableCommit();
        if (pending.isEmpty()) {
            return new Answer(Result.NOTHING_WAITS, "nothing in " + environment + " waits for approval"
                    + ("plan-only".equals(status.syncPolicy()) ? " (no pending plan)" : " (no deployment is paused at an approval gate)"));
        }
        if (!approve) {
            return new Answer(Result.NOTHING_WAITS, "the pending plan of " + CommitIds.shorten(pending.get()) + " in plan-only "
                    + environment + " is not a deployment: there is nothing to reject (it stays until a newer commit replaces it)");
        }
        if (!matches(pending.get(), commit)) return otherCommit(environment, pending.get(), commit);
        journal(environment, new JournalApprovals.Entry(JournalApprovals.PLAN, pending.get(), Optional.empty(), true, by, clock.instant()));
        return new Answer(Result.RECORDED, "approved by " + by + ": the plan of " + CommitIds.shorten(pending.get()) + " is deployed to "
                + environment + " now");
    }

    /**
     * Journals a decision under the environment's lease: the state store takes journal entries from its
     * holder only. A poll holds it for a moment (a deployment paused at a gate does not hold it between
     * polls), so the person's decision waits for it, up to {@code leaseWait}, rather than being refused.
     */
    private void journal(String environment, JournalApprovals.Entry entry) {
        long end = System.nanoTime() + leaseWait.toNanos();
        while (true) {
            try (EnvironmentLease lease = store.lease(environment)) {
                JournalApprovals.record(store.journal(environment), entry);
                return;
            } catch (EnvironmentBusyException busy) {
                if (System.nanoTime() > end) throw busy;
                try {
                    Thread.sleep(LEASE_RETRY.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw busy;
                }
            }
        }
    }

    private static Answer otherCommit(String environment, String waiting, String given) {
        return new Answer(Result.OTHER_COMMIT, environment + " waits for approval of commit " + waiting + ", not " + given
                + ": nothing was recorded (look at the plan of " + CommitIds.shorten(waiting) + " and approve that commit)");
    }

    /** The full id, or a prefix of at least {@link #SHORTEST_PREFIX} characters of it. */
    static boolean matches(String waiting, String given) {
        if (waiting.isEmpty() || given == null) return false;
        String g = given.strip().toLowerCase(Locale.ROOT);
        return g.length() >= SHORTEST_PREFIX && waiting.toLowerCase(Locale.ROOT).startsWith(g);
    }
}
