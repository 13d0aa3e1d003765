package io.turnout.state.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migrations Flyway is given by name (Migrations) are the folders' files, and give the history a class path scan gave. */
class MigrationsTest {
    @TempDir
    Path dir;

    @Test
    void everyKindListsExactlyTheFilesOfItsFolderInVersionOrder() throws Exception {
        for (StateDatabase.Kind kind : StateDatabase.Kind.values()) {
            try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "db", "turnout", kind.folder()))) {
                List<String> inFolder = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".sql"))
                        .sorted(Comparator.comparingInt(f -> Integer.parseInt(f.substring(1, f.indexOf("__"))))).toList();
                assertEquals(inFolder, kind.migrations(), kind + ": add a new migration to StateDatabase.Kind too");
            }
        }
    }

    /** A store an earlier Turnout migrated (Flyway scanning the class path) opens: same scripts, descriptions and checksums. */
    @Test
    void aStoreMigratedByTheClassPathScanOpensAndItsHistoryIsTheSame() throws Exception {
        Path scanned = dir.resolve("scanned");
        Files.createDirectories(scanned);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + scanned.resolve(StateDatabase.EMBEDDED_FILE));
        try (HikariDataSource pool = new HikariDataSource(config)) {
            Flyway.configure().dataSource(pool).locations("classpath:db/turnout/sqlite").table("turnout_schema_history")
                    .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        }
        List<String> before = history(scanned);
        assertEquals(3, before.size(), before::toString);

        StateDatabase.embedded(scanned).close(); // Flyway validates what is applied against the listed migrations

        assertEquals(before, history(scanned), "nothing applied again, nothing changed");
        StateDatabase.embedded(dir.resolve("listed")).close();
        assertEquals(before, history(dir.resolve("listed")), "a new store gets the same history");
    }

    private static List<String> history(Path dataDir) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + dataDir.resolve(StateDatabase.EMBEDDED_FILE));
        List<String> rows = new ArrayList<>();
        try (HikariDataSource pool = new HikariDataSource(config); Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT version, description, type, script, checksum, success FROM turnout_schema_history ORDER BY installed_rank")) {
            while (r.next()) {
                rows.add(r.getString(1) + "|" + r.getString(2) + "|" + r.getString(3) + "|" + r.getString(4) + "|" + r.getInt(5) + "|" + r.getBoolean(6));
            }
        }
        return rows;
    }
}
