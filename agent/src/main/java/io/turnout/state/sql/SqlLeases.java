package io.turnout.state.sql;

import io.turnout.state.EnvironmentBusyException;
import io.turnout.state.EnvironmentLease;
import io.turnout.state.LeaseHolder;
import io.turnout.state.LeaseLostException;
import io.turnout.state.StateStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The environment leases of one process, as rows of {@code turnout_lease} (environment, a random
 * token, who, since, until): taken with one atomic upsert that succeeds only when the row is absent
 * or expired, renewed in the background every third of the lease's duration, released by deleting
 * the row. No connection is held between those statements — unlike a PostgreSQL session-level
 * advisory lock, which a pooled connection would keep (or lose) with the pool, not with the
 * deployment — and a process that dies simply stops renewing, so its lease runs out.
 *
 * <p>Every write for an environment runs in a transaction that first checks this process's token
 * in the lease row ({@link #fenced}; PostgreSQL also locks the row {@code FOR SHARE}, so that it
 * cannot be taken over before the write commits): a process that lost its lease writes nothing.
 */
final class SqlLeases implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqlLeases.class);

    private final DataSource pool;
    private final StateDatabase.Kind kind;
    private final String owner;
    private final Duration duration;
    private final InstantSource clock;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat;

    /** One lease this process holds. */
    private final class Held implements EnvironmentLease {
        final String environment;
        final String token = UUID.randomUUID().toString();
        /** Set once the row is ours: until then the heartbeat leaves it alone (its row does not exist yet). */
        volatile boolean taken;
        volatile boolean lost;
        volatile boolean closed;

        Held(String environment) {
            this.environment = environment;
        }

        @Override
        public String environment() {
            return environment;
        }

        @Override
        public boolean lost() {
            return lost;
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            held.remove(environment, this);
            if (lost) return;
            try (Connection c = pool.getConnection();
                 PreparedStatement delete = c.prepareStatement("DELETE FROM turnout_lease WHERE environment = ? AND token = ?")) {
                delete.setString(1, environment);
                delete.setString(2, token);
                delete.executeUpdate();
            } catch (SQLException e) {
                // it runs out by itself
                LOG.warn("{}: cannot release the lease ({}); it runs out by itself within {}s", environment, e.getMessage(), duration.toSeconds());
            }
        }
    }

    SqlLeases(DataSource pool, StateDatabase.Kind kind, String owner, Duration duration, InstantSource clock) {
        this.pool = pool;
        this.kind = kind;
        this.owner = owner;
        this.duration = duration;
        this.clock = clock;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "turnout-lease-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(100, duration.toMillis() / 3);
        heartbeat.scheduleAtFixedRate(this::renewAll, period, period, TimeUnit.MILLISECONDS);
    }

    EnvironmentLease acquire(String environment) {
        Held mine = new Held(environment);
        if (held.putIfAbsent(environment, mine) != null) {
            // another thread of this process (a second trigger of the same poll) holds it
            throw new EnvironmentBusyException(environment, holder(environment)
                    .orElse(new LeaseHolder(owner, clock.instant(), clock.instant().plus(duration))));
        }
        Instant now = clock.instant();
        try (Connection c = pool.getConnection();
             PreparedStatement take = c.prepareStatement("""
                     INSERT INTO turnout_lease (environment, token, holder, acquired_at, expires_at) VALUES (?, ?, ?, ?, ?)
                     ON CONFLICT (environment) DO UPDATE SET token = excluded.token, holder = excluded.holder,
                         acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
                     WHERE turnout_lease.expires_at < ?""")) {
            take.setString(1, environment);
            take.setString(2, mine.token);
            take.setString(3, owner);
            take.setLong(4, now.toEpochMilli());
            take.setLong(5, now.plus(duration).toEpochMilli());
            take.setLong(6, now.toEpochMilli());
            if (take.executeUpdate() == 1) {
                mine.taken = true;
                return mine;
            }
        } catch (SQLException e) {
            held.remove(environment, mine);
            throw new StateStoreException("cannot take the lease of " + environment, e);
        }
        held.remove(environment, mine);
        LeaseHolder holder = holder(environment).orElse(new LeaseHolder("another process", now, now));
        throw new EnvironmentBusyException(environment, holder);
    }

    Optional<LeaseHolder> holder(String environment) {
        try (Connection c = pool.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT holder, acquired_at, expires_at FROM turnout_lease WHERE environment = ? AND expires_at >= ?")) {
            select.setString(1, environment);
            select.setLong(2, clock.instant().toEpochMilli());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) return Optional.empty();
                return Optional.of(new LeaseHolder(row.getString(1), Instant.ofEpochMilli(row.getLong(2)), Instant.ofEpochMilli(row.getLong(3))));
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot read the lease of " + environment, e);
        }
    }

    /** A write for {@code environment}, in one transaction that first checks that this process still holds its lease. */
    <T> T fenced(String environment, Work<T> work) {
        Held lease = held.get(environment);
        if (lease == null) throw new LeaseLostException(environment, "no lease was taken");
        if (lease.lost) throw new LeaseLostException(environment, "another process took it over");
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement check = c.prepareStatement(
                        "SELECT token FROM turnout_lease WHERE environment = ?" + kind.lockForShare())) {
                    check.setString(1, environment);
                    try (ResultSet row = check.executeQuery()) {
                        if (!row.next() || !lease.token.equals(row.getString(1))) {
                            lease.lost = true;
                            throw new LeaseLostException(environment, "another process took it over");
                        }
                    }
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StateStoreException("cannot write the state of " + environment, e);
        }
    }

    /** What a fenced write does with its connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private void renewAll() {
        for (Held lease : held.values()) {
            if (!lease.taken) continue;
            try (Connection c = pool.getConnection();
                 PreparedStatement renew = c.prepareStatement("UPDATE turnout_lease SET expires_at = ? WHERE environment = ? AND token = ?")) {
                renew.setLong(1, clock.instant().plus(duration).toEpochMilli());
                renew.setString(2, lease.environment);
                renew.setString(3, lease.token);
                if (renew.executeUpdate() == 0 && !lease.closed) {
                    lease.lost = true;
                    held.remove(lease.environment, lease);
                    LOG.warn("{}: lost the lease to {}: this process changes nothing more there", lease.environment,
                            holder(lease.environment).map(LeaseHolder::describe).orElse("another process"));
                }
            } catch (SQLException | RuntimeException e) {
                // the next beat tries again; the lease lasts three beats
                LOG.warn("{}: cannot renew the lease: {}", lease.environment, e.getMessage());
            }
        }
    }

    Duration duration() {
        return duration;
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        held.values().forEach(Held::close);
    }
}
