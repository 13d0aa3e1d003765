package io.turnout.state.sql;

import io.turnout.plan.Plan;
import io.turnout.spec.SyncPolicy;
import io.turnout.state.DriftBaseline;
import io.turnout.state.EnvironmentFacts;
import io.turnout.state.EnvironmentLease;
import io.turnout.state.Journal;
import io.turnout.state.LeaseHolder;
import io.turnout.state.StateJson;
import io.turnout.state.StateStore;
import io.turnout.state.StateStoreException;
import io.turnout.status.CommitOutcome;
import io.turnout.status.Problem;
import io.turnout.status.ServiceStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The state store on a database ({@link StateDatabase}: the embedded SQLite file, or PostgreSQL
 * shared by replicas). Tables: {@code turnout_lease} ({@link SqlLeases}), {@code turnout_journal}
 * ({@link SqlJournal}), {@code turnout_outcome} (trimmed to the history limit at every insert),
 * {@code turnout_baseline} and {@code turnout_fact} (one JSON value per fact of
 * {@link EnvironmentFacts}). Nothing is cached: every read sees what any replica wrote.
 */
public final class SqlStateStore implements StateStore {
    /** How long a lease lasts unless renewed, by default. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(10);

    private static final String SYNC_POLICY = "sync-policy";
    private static final String HANDLED_HEAD = "handled-head";
    private static final String HEAD_COMMIT = "head-commit";
    private static final String LAST_POLL = "last-poll";
    private static final String LIVE_COMMIT = "live-commit";
    private static final String DEPLOYING = "deploying";
    private static final String PENDING_PLAN = "pending-plan";
    private static final String DRIFT = "drift";
    private static final String PROBLEM = "problem";
    private static final String SERVICES = "services";

    private final StateDatabase database;
    private final SqlLeases leases;
    private final int historyLimit;
    private final Map<String, Journal> journals = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param owner        who this process is, for the leases ({@code turnout agent on host (pid 1)})
     * @param lease        how long a lease lasts unless renewed: a dead holder's environments are free again after it
     * @param historyLimit outcomes kept per environment
     * @param clock        the clock leases are measured on (tests move it)
     */
    public SqlStateStore(StateDatabase database, String owner, Duration lease, int historyLimit, InstantSource clock) {
        if (historyLimit < 1) throw new IllegalArgumentException("the history limit must be at least 1, was " + historyLimit);
        this.database = database;
        this.leases = new SqlLeases(database.dataSource(), database.kind(), owner, lease, clock);
        this.historyLimit = historyLimit;
    }

    public StateDatabase database() {
        return database;
    }

    @Override
    public EnvironmentLease lease(String environment) {
        return leases.acquire(environment);
    }

    @Override
    public Optional<LeaseHolder> holder(String environment) {
        return leases.holder(environment);
    }

    @Override
    public Journal journal(String environment) {
        return journals.computeIfAbsent(environment, e -> new SqlJournal(e, database.dataSource(), leases));
    }

    @Override
    public void compactJournal(String environment) {
        leases.fenced(environment, c -> update(c, "DELETE FROM turnout_journal WHERE environment = ?", environment));
    }

    // ---- history ----

    @Override
    public void recordOutcome(String environment, CommitOutcome outcome) {
        leases.fenced(environment, c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO turnout_outcome (environment, commit_id, subject, outcome, detail, decided_at, duration, services)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                insert.setString(1, environment);
                insert.setString(2, outcome.commit());
                insert.setString(3, outcome.subject());
                insert.setString(4, outcome.outcome().name());
                insert.setString(5, outcome.detail());
                insert.setString(6, outcome.at().toString());
                insert.setString(7, outcome.duration().toString());
                insert.setString(8, outcome.services().isEmpty() ? null : StateJson.write(outcome.services()));
                insert.executeUpdate();
            }
            // bounded growth: the oldest fall out
            try (PreparedStatement trim = c.prepareStatement("""
                    DELETE FROM turnout_outcome WHERE environment = ? AND id NOT IN
                        (SELECT id FROM turnout_outcome WHERE environment = ? ORDER BY id DESC LIMIT ?)""")) {
                trim.setString(1, environment);
                trim.setString(2, environment);
                trim.setInt(3, historyLimit);
                return trim.executeUpdate();
            }
        });
    }

    @Override
    public List<CommitOutcome> recentOutcomes(String environment, int limit) {
        return read("the history of " + environment, c -> {
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT commit_id, subject, outcome, detail, decided_at, duration, services FROM turnout_outcome
                    WHERE environment = ? ORDER BY id DESC LIMIT ?""")) {
                select.setString(1, environment);
                select.setInt(2, limit);
                List<CommitOutcome> outcomes = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        outcomes.add(new CommitOutcome(rows.getString(1), rows.getString(2), CommitOutcome.Outcome.valueOf(rows.getString(3)),
                                rows.getString(4), Instant.parse(rows.getString(5)), Duration.parse(rows.getString(6)),
                                StateJson.serviceOutcomes(rows.getString(7))));
                    }
                }
                return outcomes;
            }
        });
    }

    @Override
    public boolean decided(String environment, String commit) {
        return read("the history of " + environment, c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT 1 FROM turnout_outcome WHERE environment = ? AND commit_id = ? LIMIT 1")) {
                select.setString(1, environment);
                select.setString(2, commit);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    // ---- drift baseline ----

    @Override
    public void driftBaseline(String environment, DriftBaseline baseline) {
        String specs = StateJson.write(baseline.specs());
        leases.fenced(environment, c -> {
            try (PreparedStatement upsert = c.prepareStatement("""
                    INSERT INTO turnout_baseline (environment, commit_id, specs) VALUES (?, ?, ?)
                    ON CONFLICT (environment) DO UPDATE SET commit_id = excluded.commit_id, specs = excluded.specs""")) {
                upsert.setString(1, environment);
                upsert.setString(2, baseline.commit());
                upsert.setString(3, specs);
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<DriftBaseline> driftBaseline(String environment) {
        return read("the drift baseline of " + environment, c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT commit_id, specs FROM turnout_baseline WHERE environment = ?")) {
                select.setString(1, environment);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) return Optional.empty();
                    return Optional.of(new DriftBaseline(row.getString(1),
                            StateJson.MAPPER.readValue(row.getString(2), io.turnout.spec.SpecTree.class)));
                }
            }
        });
    }

    // ---- facts ----

    @Override
    public EnvironmentFacts facts(String environment) {
        Map<String, String> facts = read("the state of " + environment, c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT name, value FROM turnout_fact WHERE environment = ?")) {
                select.setString(1, environment);
                Map<String, String> values = new HashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) values.put(rows.getString(1), rows.getString(2));
                }
                return values;
            }
        });
        return new EnvironmentFacts(
                text(facts, SYNC_POLICY), text(facts, HANDLED_HEAD), text(facts, HEAD_COMMIT),
                text(facts, LAST_POLL).map(Instant::parse), text(facts, LIVE_COMMIT),
                Boolean.parseBoolean(facts.getOrDefault(DEPLOYING, "false")),
                Optional.ofNullable(facts.get(PENDING_PLAN)).map(StateJson::plan),
                Optional.ofNullable(facts.get(DRIFT)).map(StateJson::lines).orElse(List.of()),
                Optional.ofNullable(facts.get(PROBLEM)).map(v -> StateJson.MAPPER.readValue(v, Problem.class)),
                Optional.ofNullable(facts.get(SERVICES)).map(StateJson::services).orElse(List.of()));
    }

    private static Optional<String> text(Map<String, String> facts, String name) {
        return Optional.ofNullable(facts.get(name)).map(v -> StateJson.MAPPER.readValue(v, String.class));
    }

    @Override
    public void handledHead(String environment, String commit) {
        fact(environment, HANDLED_HEAD, Optional.of(commit));
    }

    @Override
    public void headPolled(String environment, String head, Instant at) {
        leases.fenced(environment, c -> {
            put(c, environment, HEAD_COMMIT, Optional.of(head));
            return put(c, environment, LAST_POLL, Optional.of(at.toString()));
        });
    }

    @Override
    public void liveCommit(String environment, Optional<String> commit) {
        fact(environment, LIVE_COMMIT, commit);
    }

    @Override
    public void deploying(String environment, boolean deploying) {
        fact(environment, DEPLOYING, Optional.of(deploying));
    }

    @Override
    public void drift(String environment, List<String> drift) {
        fact(environment, DRIFT, Optional.of(drift));
    }

    @Override
    public void services(String environment, List<ServiceStatus> services) {
        fact(environment, SERVICES, Optional.of(services));
    }

    @Override
    public void pendingPlan(String environment, Optional<Plan> plan) {
        fact(environment, PENDING_PLAN, plan);
    }

    @Override
    public void problem(String environment, Optional<Problem> problem) {
        fact(environment, PROBLEM, problem);
    }

    @Override
    public void syncPolicy(String environment, String policy) {
        // not fenced: discovery publishes it from the branch head, on whichever replica runs it
        try (Connection c = database.dataSource().getConnection()) {
            put(c, environment, SYNC_POLICY, Optional.of(policy));
        } catch (SQLException e) {
            throw new StateStoreException("cannot keep the sync policy of " + environment, e);
        }
    }

    private void fact(String environment, String name, Optional<?> value) {
        leases.fenced(environment, c -> put(c, environment, name, value));
    }

    /** Sets one fact (its JSON), or removes it when {@code value} is empty. */
    private static int put(Connection c, String environment, String name, Optional<?> value) throws SQLException {
        if (value.isEmpty()) {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM turnout_fact WHERE environment = ? AND name = ?")) {
                delete.setString(1, environment);
                delete.setString(2, name);
                return delete.executeUpdate();
            }
        }
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO turnout_fact (environment, name, value) VALUES (?, ?, ?)
                ON CONFLICT (environment, name) DO UPDATE SET value = excluded.value""")) {
            upsert.setString(1, environment);
            upsert.setString(2, name);
            upsert.setString(3, StateJson.write(value.get()));
            return upsert.executeUpdate();
        }
    }

    // ---- per spec repository ----

    @Override
    public void environmentsOf(String repository, SortedMap<String, SyncPolicy> environments) {
        String json = StateJson.write(environments);
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement upsert = c.prepareStatement("""
                     INSERT INTO turnout_repository (repository, environments) VALUES (?, ?)
                     ON CONFLICT (repository) DO UPDATE SET environments = excluded.environments""")) {
            upsert.setString(1, repository);
            upsert.setString(2, json);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new StateStoreException("cannot keep the environments of " + repository, e);
        }
    }

    @Override
    public SortedMap<String, SyncPolicy> environmentsOf(String repository) {
        return read("the environments of " + repository, c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT environments FROM turnout_repository WHERE repository = ?")) {
                select.setString(1, repository);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? StateJson.policies(row.getString(1)) : new TreeMap<String, SyncPolicy>();
                }
            }
        });
    }

    // ---- the store as a whole ----

    @Override
    public SortedSet<String> environments() {
        return read("the environments", c -> {
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT environment FROM turnout_fact UNION SELECT environment FROM turnout_outcome
                    UNION SELECT environment FROM turnout_journal UNION SELECT environment FROM turnout_baseline""");
                 ResultSet rows = select.executeQuery()) {
                SortedSet<String> names = new TreeSet<>();
                while (rows.next()) names.add(rows.getString(1));
                return names;
            }
        });
    }

    @Override
    public String describe() {
        return database.describe();
    }

    @Override
    public void forget(String environment) {
        try (Connection c = database.dataSource().getConnection()) {
            for (String table : List.of("turnout_fact", "turnout_outcome", "turnout_baseline")) {
                update(c, "DELETE FROM " + table + " WHERE environment = ?", environment);
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot drop the state of " + environment, e);
        }
    }

    private static int update(Connection c, String sql, String environment) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, environment);
            return statement.executeUpdate();
        }
    }

    private <T> T read(String what, SqlLeases.Work<T> query) {
        try (Connection c = database.dataSource().getConnection()) {
            return query.run(c);
        } catch (SQLException e) {
            throw new StateStoreException("cannot read " + what, e);
        }
    }

    /** Releases this process's leases and closes the pool. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        leases.close();
        database.close();
    }
}
