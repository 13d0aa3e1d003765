package io.turnout.state.sql;

import io.turnout.state.StateStore;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the state store is and how it behaves: the embedded SQLite file in {@code dataDir}, or
 * PostgreSQL at {@code url} when one is given (then shared by every replica and by
 * {@code turnout apply} given the same URL). {@link #toString()} never shows the password.
 *
 * @param dataDir      the data directory (the embedded file is {@code <dataDir>/state.db})
 * @param url          {@code jdbc:postgresql://host:5432/turnout}; empty: the embedded store
 * @param username     the PostgreSQL user
 * @param password     the PostgreSQL password (never logged)
 * @param poolSize     the pool's connections (PostgreSQL; shared with Quartz's job store)
 * @param lease        how long an environment's lease lasts unless renewed: a dead holder's environments are free after it
 * @param historyLimit outcomes kept per environment
 */
public record StateStoreSettings(Path dataDir, Optional<String> url, String username, String password, int poolSize,
                                 Duration lease, int historyLimit) {
    public StateStoreSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        url = url.filter(u -> !u.isBlank());
        if (poolSize < 2) throw new IllegalArgumentException("the state store's pool needs at least 2 connections, was " + poolSize);
        if (historyLimit < 1) throw new IllegalArgumentException("the history limit must be at least 1, was " + historyLimit);
    }

    /** The embedded store of {@code dataDir} with the defaults. */
    public static StateStoreSettings embedded(Path dataDir) {
        return new StateStoreSettings(dataDir, Optional.empty(), null, null, 10, SqlStateStore.DEFAULT_LEASE, StateStore.DEFAULT_HISTORY_LIMIT);
    }

    public StateStoreSettings withDatabase(Optional<String> url, String username, String password) {
        return new StateStoreSettings(dataDir, url, username, password, poolSize, lease, historyLimit);
    }

    /**
     * Opens the store (migrating its schema) for {@code owner}, named in its leases ({@link #owner}),
     * and brings in the journal files an older Turnout left in the data directory.
     */
    public SqlStateStore open(String owner) {
        StateDatabase database = url.isPresent()
                ? StateDatabase.postgres(url.get(), username, password, poolSize)
                : StateDatabase.embedded(dataDir);
        SqlStateStore store = new SqlStateStore(database, owner, lease, historyLimit, InstantSource.system());
        LegacyJournals.importInto(store, dataDir);
        return store;
    }

    /** This process, for people and leases: {@code turnout agent on ip-10-0-1-23 (pid 1)}. */
    public static String owner(String what) {
        return what + " on " + host() + " (pid " + ProcessHandle.current().pid() + ")";
    }

    private static String host() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) return fromEnvironment;
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }

    @Override
    public String toString() {
        return "StateStoreSettings[dataDir=" + dataDir + ", url=" + url.map(StateDatabase::redact) + ", username=" + username
                + ", password=****, poolSize=" + poolSize + ", lease=" + lease + ", historyLimit=" + historyLimit + "]";
    }
}
