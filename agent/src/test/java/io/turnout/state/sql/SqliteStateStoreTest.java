package io.turnout.state.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.error.TurnoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: a SQLite file in the data directory. */
class SqliteStateStoreTest extends SqlStateStoreContract {
    private final AtomicInteger count = new AtomicInteger();

    @TempDir
    Path dir;

    @Override
    String freshLocation() {
        return dir.resolve("data-" + count.incrementAndGet()).toString();
    }

    @Override
    StateDatabase open(String location) {
        return StateDatabase.embedded(Path.of(location));
    }

    @Test
    void theStoreIsOneFileInTheDataDirectory() {
        Path data = dir.resolve("agent");
        try (StateDatabase database = StateDatabase.embedded(data)) {
            assertEquals(StateDatabase.Kind.SQLITE, database.kind());
            assertFalse(database.shared());
            assertTrue(Files.isRegularFile(data.resolve("state.db")));
            assertEquals("SQLite " + data.toAbsolutePath().resolve("state.db"), database.describe());
        }
    }

    @Test
    void aDataDirectoryThatCannotBeWrittenIsAClearError() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        TurnoutException e = assertThrows(TurnoutException.class, () -> StateDatabase.embedded(file));
        assertTrue(e.getMessage().contains(file.toString()), e::getMessage);
        assertTrue(e.nextStep().contains("--data-dir"), e::nextStep);
    }

    @Test
    void aJournalFileOfAnOlderTurnoutIsImportedOnce() throws IOException {
        Path data = dir.resolve("upgraded");
        io.turnout.state.FileJournal old = new io.turnout.state.FileJournal(data, "production");
        old.append(entry("begin"));
        old.append(entry("step-start").put("index", 0));
        try (SqlStateStore store = StateStoreSettings.embedded(data).open("upgraded agent")) {
            assertEquals(2, store.journal("production").entries().size(), "the unfinished deployment is in the store");
            assertFalse(Files.exists(data.resolve("journal/production.jsonl")));
            assertTrue(Files.exists(data.resolve("journal/production.jsonl.imported")));
        }
        try (SqlStateStore again = StateStoreSettings.embedded(data).open("upgraded agent")) {
            assertEquals(2, again.journal("production").entries().size(), "imported once");
        }
    }

    @Test
    void settingsNeverShowThePassword() {
        StateStoreSettings settings = StateStoreSettings.embedded(dir)
                .withDatabase(Optional.of("jdbc:postgresql://db:5432/turnout?password=hunter2"), "turnout", "s3cret");
        assertFalse(settings.toString().contains("s3cret"), settings::toString);
        assertFalse(settings.toString().contains("hunter2"), settings::toString);
        TurnoutException e = assertThrows(TurnoutException.class,
                () -> StateDatabase.postgres("jdbc:mysql://db/turnout?password=hunter2", "turnout", "s3cret", 4));
        assertFalse(e.getMessage().contains("hunter2"), e::getMessage);
    }

    /** The pool opens while Flyway sets itself up (PoolWhenOpen): each failure still says which step failed. */
    @Test
    void aStoreThatCannotBeOpenedOrMigratedSaysWhich() throws Exception {
        Path unopenable = dir.resolve("unopenable");
        Files.createDirectories(unopenable.resolve(StateDatabase.EMBEDDED_FILE)); // a folder where the file should be
        TurnoutException open = assertThrows(TurnoutException.class, () -> StateDatabase.embedded(unopenable));
        assertTrue(open.getMessage().startsWith("cannot open the state store (SQLite "), open::getMessage);

        Path newer = dir.resolve("edited");
        StateDatabase.embedded(newer).close();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + newer.resolve(StateDatabase.EMBEDDED_FILE));
             java.sql.Statement s = c.createStatement()) {
            // as if the first migration had been edited after it ran: Flyway's validation refuses
            s.executeUpdate("UPDATE turnout_schema_history SET checksum = checksum + 1 WHERE version = '1'");
        }
        TurnoutException migrate = assertThrows(TurnoutException.class, () -> StateDatabase.embedded(newer));
        assertTrue(migrate.getMessage().startsWith("cannot bring the state store (SQLite "), migrate::getMessage);
        assertTrue(migrate.nextStep().contains("A newer Turnout"), migrate::nextStep);
    }
}
