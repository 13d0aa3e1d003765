package io.turnout.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/**
 * Quartz's connections, from the state store's pool: one pool per process for the store and the
 * job store. Quartz returns each connection after its short transaction; the pool, not Quartz,
 * is closed when the store closes.
 */
final class PooledConnections implements ConnectionProvider {
    private final DataSource pool;

    PooledConnections(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void shutdown() {
        // the state store closes the pool
    }

    @Override
    public void initialize() {
    }
}
