package io.turnout.state;

import io.turnout.plan.Plan;
import io.turnout.status.CommitOutcome;
import io.turnout.status.Problem;
import java.util.List;
import java.util.Optional;

/**
 * Where the agent keeps what must outlive a reconcile, per environment (every method takes the
 * environment's name): the deployment journal, every commit's outcome (the history the ledger
 * shows and the "already decided" check), the last applied specs (the drift baseline), the
 * pending plan, the environment's current problem and the sync policy last seen.
 *
 * <p>Implementations: {@link LocalStateStore} (one process: journals as files under the data
 * directory, the rest in memory). A database-backed store shared by several replicas goes behind
 * this same interface. Contract for every implementation: safe to call from any thread; a write
 * returns once it is kept (for the journal: durable, see {@link Journal}); reads see every write
 * made before them; an environment never written reads as empty.
 */
public interface StateStore extends AutoCloseable {
    // ---- deployments ----

    /** The deployment journal of {@code environment}: the same journal on every call. */
    Journal journal(String environment);

    // ---- history ----

    /** Records what happened to one commit. */
    void recordOutcome(String environment, CommitOutcome outcome);

    /** The newest outcomes, newest first, at most {@code limit}. */
    List<CommitOutcome> recentOutcomes(String environment, int limit);

    /** Whether an outcome of {@code commit} is recorded (so that a commit is never reported twice, e.g. INVALID, then SUPERSEDED). */
    boolean decided(String environment, String commit);

    // ---- drift baseline ----

    /** The commit and specs known to be live now: what drift is checked against. */
    void driftBaseline(String environment, DriftBaseline baseline);

    Optional<DriftBaseline> driftBaseline(String environment);

    // ---- what the environment waits for ----

    /** The plan waiting for a person (plan-only, a refused rewind, a failure) or restoring drift; empty when none. */
    void pendingPlan(String environment, Optional<Plan> plan);

    Optional<Plan> pendingPlan(String environment);

    /**
     * The environment's problem: what keeps it from being reconciled, since when, and when the next
     * poll is due; empty when its last poll went well. The reconciler reads it back to tell a problem
     * that persists (logged once, {@code since} kept) from a new one, also after a restart or on
     * another replica when the store is shared.
     */
    void problem(String environment, Optional<Problem> problem);

    Optional<Problem> problem(String environment);

    /** The sync policy of the environment's spec as last seen ({@code auto-apply} or {@code plan-only}). */
    void syncPolicy(String environment, String policy);

    Optional<String> syncPolicy(String environment);

    /**
     * Drops what is kept about an environment the specs no longer define — except its journal, so
     * that a deployment it left unfinished is still resumed or rolled back if it comes back.
     */
    void forget(String environment);

    @Override
    default void close() {
    }
}
