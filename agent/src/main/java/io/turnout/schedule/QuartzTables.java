package io.turnout.schedule;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Quartz's tables in PostgreSQL when they are missing, from the script Quartz ships
 * ({@code org/quartz/impl/jdbcjobstore/tables_postgres.sql}) without its DROP statements. Several
 * replicas may start at once: an advisory lock makes one of them create the tables and the others
 * find them.
 */
final class QuartzTables {
    private static final Logger LOG = LoggerFactory.getLogger(QuartzTables.class);
    private static final String SCRIPT = "/org/quartz/impl/jdbcjobstore/tables_postgres.sql";
    /** Any constant: the advisory lock key of "creating the Quartz tables". */
    private static final long LOCK = 0x7475726e6f7574L;

    private QuartzTables() {
    }

    static void createIfMissing(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
            if (exists(connection)) {
                connection.commit();
                return;
            }
            for (String sql : statements()) statement.execute(sql);
            connection.commit();
            LOG.info("created the Quartz tables (qrtz_*) for the clustered scheduler");
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static boolean exists(Connection connection) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, null, "qrtz_job_details", null)) {
            return tables.next();
        }
    }

    static List<String> statements() {
        String script;
        try (InputStream in = QuartzTables.class.getResourceAsStream(SCRIPT)) {
            if (in == null) throw new IllegalStateException("Quartz's " + SCRIPT + " is not on the class path");
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read Quartz's " + SCRIPT, e);
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) continue;
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                sql = sql.substring(0, sql.length() - 1);
                String upper = sql.toUpperCase(Locale.ROOT);
                if (!upper.startsWith("DROP ") && !upper.equals("COMMIT")) statements.add(sql);
                current.setLength(0);
            }
        }
        return statements;
    }
}
