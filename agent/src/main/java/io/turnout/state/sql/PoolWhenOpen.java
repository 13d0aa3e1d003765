package io.turnout.state.sql;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool being opened, as a {@link DataSource} for Flyway: Flyway sets itself up (plugins,
 * configuration, a tenth of a second) without connecting, so it is made while the pool opens, and
 * only its migration waits for the pool. Anything it asks before the pool is open waits for it.
 */
final class PoolWhenOpen implements DataSource {
    private final CompletableFuture<HikariDataSource> opening;

    PoolWhenOpen(CompletableFuture<HikariDataSource> opening) {
        this.opening = opening;
    }

    private HikariDataSource pool() throws SQLException {
        try {
            return opening.join();
        } catch (CompletionException e) {
            throw new SQLException("the pool did not open: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return pool().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return pool().getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool().getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool().setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool().setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool().getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("the pool logs through SLF4J");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool().unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool().isWrapperFor(type);
    }
}
