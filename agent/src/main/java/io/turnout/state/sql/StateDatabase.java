package io.turnout.state.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.turnout.error.TurnoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The database behind the state store, opened once per process: one HikariCP pool, its schema
 * brought up to date by Flyway ({@code db/turnout/<kind>/V*.sql}) before anything uses it. The
 * embedded default is a SQLite file in the data directory ({@code <data-dir>/state.db}): several
 * processes on one machine may open it at once (the agent and {@code turnout apply} on the same
 * data directory share its leases). PostgreSQL is for several replicas, which also share Quartz's
 * job store through the same pool ({@link #dataSource()}).
 */
public final class StateDatabase implements AutoCloseable {
    /** The embedded database file, in the data directory. */
    public static final String EMBEDDED_FILE = "state.db";

    /** Which database this is: the SQL the store speaks differs in a few places. */
    public enum Kind {
        SQLITE("sqlite", List.of("V1__state_store.sql", "V2__repository_environments.sql", "V3__outcome_services.sql")),
        POSTGRESQL("postgresql", List.of("V1__state_store.sql", "V2__quartz_job_store.sql", "V3__repository_environments.sql",
                "V4__outcome_services.sql"));

        private final String folder;
        private final List<String> migrations;

        Kind(String folder, List<String> migrations) {
            this.folder = folder;
            this.migrations = migrations;
        }

        /** The migrations' folder under {@code db/turnout/} and their files, in order (a new one is added here too). */
        String folder() {
            return folder;
        }

        List<String> migrations() {
            return migrations;
        }

        /** {@code FOR SHARE}: PostgreSQL locks the lease row for the transaction; SQLite's write transactions lock the whole file anyway. */
        String lockForShare() {
            return this == POSTGRESQL ? " FOR SHARE" : "";
        }
    }

    private final HikariDataSource pool;
    private final Kind kind;
    private final String description;

    private StateDatabase(HikariDataSource pool, Kind kind, String description) {
        this.pool = pool;
        this.kind = kind;
        this.description = description;
    }

    /**
     * Copies SQLite's native library out of the jar for the embedded store a process is about to
     * open (the agent does it on a thread of its own as it starts, before its configuration is
     * read): finding which library this platform needs runs {@code uname} and waits for it. Opening
     * the store waits for a copy under way, or makes it if this was not called.
     */
    public static void prepareNativeLibrary() {
        SqliteNativeLibrary.prepare();
    }

    /** The embedded store of {@code dataDir} ({@code <dataDir>/state.db}), created on first use. */
    public static StateDatabase embedded(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve(EMBEDDED_FILE);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new TurnoutException("cannot create the data directory " + dataDir + ": " + e.getMessage(),
                    "Check that it is writable, or pass another one (--data-dir, turnout.agent.data-dir).", e);
        }
        SqliteNativeLibrary.prepare();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + file);
        config.setPoolName("turnout-state");
        // Write-ahead log: readers never wait for the writer; FULL: a commit is on disk when it returns (the journal's contract).
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", "FULL");
        // One writer at a time, across the processes that share the file: wait for it rather than fail.
        config.addDataSourceProperty("busy_timeout", "30000");
        // Write transactions take the write lock when they begin, so that two of them never deadlock upgrading a read lock.
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        config.setMaximumPoolSize(4);
        return open(config, Kind.SQLITE, "SQLite " + file, "Check that the data directory " + dataDir
                + " is writable and on a local disk (not a network file system), or pass another one (--data-dir).");
    }

    /**
     * PostgreSQL at {@code url} ({@code jdbc:postgresql://host:5432/turnout}), shared by every replica.
     *
     * @param poolSize the pool's connections: the scheduler's threads, Quartz's own and the store's, see the README
     */
    public static StateDatabase postgres(String url, String username, String password, int poolSize) {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new TurnoutException("the state database URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db), was "
                    + (url == null ? "empty" : redact(url)), "Fix turnout.agent.datasource.url (TURNOUT_AGENT_DATASOURCE_URL).");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (username != null) config.setUsername(username);
        if (password != null) config.setPassword(password);
        config.setPoolName("turnout-state");
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(Duration.ofSeconds(30).toMillis());
        return open(config, Kind.POSTGRESQL, "PostgreSQL " + redact(url).replaceFirst("^jdbc:postgresql://", ""),
                "Check turnout.agent.datasource.url, username and password (TURNOUT_AGENT_DATASOURCE_*), and that the database accepts connections.");
    }

    private static StateDatabase open(HikariConfig config, Kind kind, String description, String fix) {
        // the pool opens (the driver loaded, the first connection made) on a thread of its own while Flyway sets itself up
        CompletableFuture<HikariDataSource> opening = CompletableFuture.supplyAsync(() -> new HikariDataSource(config),
                task -> Thread.ofPlatform().name("turnout-state-open").daemon(true).start(task));
        Flyway flyway;
        try {
            flyway = Flyway.configure()
                    .dataSource(new PoolWhenOpen(opening))
                    // the migrations by name, not by scanning the jar; no Java migrations to look for either
                    .resourceProvider(new Migrations(kind.folder, kind.migrations))
                    .javaMigrationClassProvider(List::of)
                    // our own history table, so that a database shared with another application's Flyway does not mix them
                    .table("turnout_schema_history")
                    // a database that already holds Quartz's tables from an older Turnout (or anything else): migrate from scratch
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load();
        } catch (RuntimeException e) {
            opening.thenAccept(HikariDataSource::close);
            throw e;
        }
        HikariDataSource pool;
        try {
            pool = opening.join();
        } catch (CompletionException e) {
            throw new TurnoutException("cannot open the state store (" + description + "): " + rootMessage(e.getCause()), fix, e.getCause());
        }
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new TurnoutException("cannot bring the state store (" + description + ") up to date: " + rootMessage(e),
                    "A newer Turnout may have written it (then run that version), or the database user may not create tables. " + fix, e);
        }
        return new StateDatabase(pool, kind, description);
    }

    /** The pool: for the state store, and for Quartz's job store when {@link #shared()}. */
    public DataSource dataSource() {
        return pool;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether several replicas may share it (PostgreSQL): then the scheduler clusters on it too. */
    public boolean shared() {
        return kind == Kind.POSTGRESQL;
    }

    /** {@code SQLite /path/state.db} or {@code PostgreSQL host:5432/db}; never a password. */
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        pool.close();
    }

    /** A JDBC URL without its password parameter. */
    static String redact(String url) {
        return url.replaceAll("(?i)password=[^&;]*", "password=****");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = Objects.requireNonNull(e);
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
