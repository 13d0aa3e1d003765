package io.turnout.schedule;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.slf4j.LoggerFactory;

/**
 * The second lock on invariant 5 (one deployment per environment at a time, also with several
 * replicas): Quartz's {@code @DisallowConcurrentExecution} is the first, but two triggers of one
 * job (a scheduled poll and a webhook's "poll now") may still be fired close together, and a
 * deployment must never depend on that. With a clustered schedule, each reconcile holds a
 * PostgreSQL session-level advisory lock for its environment; a replica that does not get it
 * skips this poll (the holder is already doing the work). The lock lives as long as the
 * database session: a replica that dies drops its connection and with it the lock.
 */
interface EnvironmentLock extends AutoCloseable {
    /** Whether this replica holds the environment now. */
    boolean acquired();

    @Override
    void close();

    /** In memory, one replica: the reconciler's own monitor is enough. */
    static EnvironmentLock local() {
        return new EnvironmentLock() {
            @Override
            public boolean acquired() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }

    /** A PostgreSQL advisory lock on {@code repository/environment}, tried without waiting. */
    static EnvironmentLock postgres(JdbcConnectionProvider connections, String repository, String environment) throws SQLException {
        long key = UUID.nameUUIDFromBytes(("turnout:" + repository + "/" + environment).getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
        Connection connection = connections.getConnection();
        boolean acquired;
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, key);
            try (ResultSet result = statement.executeQuery()) {
                acquired = result.next() && result.getBoolean(1);
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new EnvironmentLock() {
            @Override
            public boolean acquired() {
                return acquired;
            }

            @Override
            public void close() {
                // closing the session releases the lock
                try {
                    connection.close();
                } catch (SQLException e) {
                    LoggerFactory.getLogger(EnvironmentLock.class).warn("closing the lock connection of {} failed: {}", environment, e.getMessage());
                }
            }
        };
    }
}
