package io.turnout.state;

import io.turnout.plan.Plan;
import io.turnout.spec.SyncPolicy;
import io.turnout.status.CommitOutcome;
import io.turnout.status.Problem;
import io.turnout.status.ServiceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * Where the agent keeps what must outlive a reconcile, per environment (every method takes the
 * environment's name): the deployment journal, every commit's outcome (the history the ledger
 * shows and the "already decided" check), the last applied specs (the drift baseline), and what the
 * status shows (sync policy, commits, pending plan, drift, problem, services).
 *
 * <p>One deployment per environment: whoever changes an environment first takes its
 * {@linkplain #lease lease} (an agent replica for a reconcile, {@code turnout apply} for an apply);
 * while another process holds it, {@link #lease} says who. Every write for an environment —
 * journal, outcomes, facts (but the sync policy, which discovery reads from the branch head) — is
 * accepted only while this store holds its lease, so a process that
 * lost it (it was paused for longer than the lease lasts, and another one took over) can no
 * longer write anything there: it stops at its next write with a {@link LeaseLostException}.
 *
 * <p>Implementations: {@code io.turnout.state.sql.SqlStateStore} (an embedded SQLite file in the
 * data directory, or PostgreSQL shared by several replicas) and {@link LocalStateStore} (in
 * memory: tests). Contract for every implementation: safe to call from any thread; a write
 * returns once it is kept (for the journal: durable, see {@link Journal}); reads see every write
 * made before them, also by other processes on the same database; an environment never written
 * reads as empty.
 */
public interface StateStore extends AutoCloseable {
    /** The outcomes kept per environment unless configured otherwise. */
    int DEFAULT_HISTORY_LIMIT = 1000;

    // ---- one deployment per environment ----

    /**
     * Takes {@code environment} for this process until the lease is closed; renewed while the
     * process lives, so that a process that dies leaves it to the others once it expires.
     *
     * @throws EnvironmentBusyException when another process (or another thread of this one) holds it; says who
     */
    EnvironmentLease lease(String environment);

    /** Who holds {@code environment} now, if anyone (an expired lease counts as free). */
    Optional<LeaseHolder> holder(String environment);

    // ---- deployments ----

    /** The deployment journal of {@code environment}: the same journal on every call. */
    Journal journal(String environment);

    /**
     * Drops the journal's entries: called once they record only deployments that ended (nothing
     * is left to resume or roll back), so that journals do not grow without bound.
     */
    void compactJournal(String environment);

    // ---- history ----

    /** Records what happened to one commit; the oldest fall out beyond the store's history limit. */
    void recordOutcome(String environment, CommitOutcome outcome);

    /** The newest outcomes, newest first, at most {@code limit}. */
    List<CommitOutcome> recentOutcomes(String environment, int limit);

    /** Whether an outcome of {@code commit} is recorded (so that a commit is never reported twice, e.g. INVALID, then SUPERSEDED). */
    boolean decided(String environment, String commit);

    // ---- drift baseline ----

    /** The commit and specs known to be live now: what drift is checked against. */
    void driftBaseline(String environment, DriftBaseline baseline);

    Optional<DriftBaseline> driftBaseline(String environment);

    // ---- what the status shows, and what the reconciler decided last ----

    /** Everything below at once (one read): what the status page and the API show. */
    EnvironmentFacts facts(String environment);

    /** The head the agent last made a decision about (applied, failed, invalid, planned, found live). */
    void handledHead(String environment, String commit);

    /** The branch head seen at the poll made {@code at}. */
    void headPolled(String environment, String head, Instant at);

    /** What {@code turnout/<env>/live} points at, as last read. */
    void liveCommit(String environment, Optional<String> commit);

    /** Whether a deployment (or the recovery of one) runs now. */
    void deploying(String environment, boolean deploying);

    /** One line per service whose live state differs from the drift baseline; empty when none. */
    void drift(String environment, List<String> drift);

    /** Each service's live colours, as last read. */
    void services(String environment, List<ServiceStatus> services);

    /** The plan waiting for a person (plan-only, a refused rewind, a failure) or restoring drift; empty when none. */
    void pendingPlan(String environment, Optional<Plan> plan);

    default Optional<Plan> pendingPlan(String environment) {
        return facts(environment).pendingPlan();
    }

    /**
     * The environment's problem: what keeps it from being reconciled, since when, and when the next
     * poll is due; empty when its last poll went well. The reconciler reads it back to tell a problem
     * that persists (logged once, {@code since} kept) from a new one, also after a restart or on
     * another replica when the store is shared.
     */
    void problem(String environment, Optional<Problem> problem);

    default Optional<Problem> problem(String environment) {
        return facts(environment).problem();
    }

    /**
     * The sync policy of the environment's spec as last seen ({@code auto-apply} or {@code plan-only}).
     * Not fenced by the lease: discovery publishes it from the branch head, on whichever replica runs it.
     */
    void syncPolicy(String environment, String policy);

    default Optional<String> syncPolicy(String environment) {
        return facts(environment).syncPolicy();
    }

    // ---- per spec repository ----

    /**
     * The environments {@code repository} defined at its last valid head, with their sync policies:
     * what a restarted agent follows while the head's specs are invalid (not fenced: discovery is
     * not one environment's business, and every replica writes what it read from the same head).
     */
    void environmentsOf(String repository, SortedMap<String, SyncPolicy> environments);

    /** What {@link #environmentsOf(String, SortedMap)} kept last; empty when nothing was. */
    SortedMap<String, SyncPolicy> environmentsOf(String repository);

    // ---- the store as a whole ----

    /** Every environment the store holds anything about, sorted. */
    SortedSet<String> environments();

    /** What the store is, for people: {@code SQLite /var/lib/turnout/state.db}, {@code PostgreSQL db.internal:5432/turnout}; never a password. */
    String describe();

    /**
     * Drops what is kept about an environment the specs no longer define — except its journal, so
     * that a deployment it left unfinished is still resumed or rolled back if it comes back.
     */
    void forget(String environment);

    @Override
    default void close() {
    }
}
