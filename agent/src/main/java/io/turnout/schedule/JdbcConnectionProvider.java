package io.turnout.schedule;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.quartz.utils.ConnectionProvider;

/**
 * Quartz's connections to PostgreSQL, opened with the JDBC driver directly. Quartz uses a
 * handful of short transactions per poll interval, so a pool brings little and would be one
 * more dependency; each connection is closed by Quartz after use.
 */
final class JdbcConnectionProvider implements ConnectionProvider {
    private final String url;
    private final Properties properties = new Properties();

    JdbcConnectionProvider(SchedulerSettings.Jdbc jdbc) {
        this.url = jdbc.url();
        if (jdbc.username() != null) properties.setProperty("user", jdbc.username());
        if (jdbc.password() != null) properties.setProperty("password", jdbc.password());
    }

    @Override
    public Connection getConnection() throws SQLException {
        return DriverManager.getConnection(url, properties);
    }

    @Override
    public void shutdown() {
    }

    @Override
    public void initialize() {
    }
}
