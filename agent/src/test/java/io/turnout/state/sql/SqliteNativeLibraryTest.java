package io.turnout.state.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.util.LibraryLoaderUtil;

/** SQLite's native library, copied for sqlite-jdbc by Turnout: what it loads, and the copies of killed processes tidied. */
class SqliteNativeLibraryTest {
    @TempDir
    Path dir;

    @Test
    void theStoreRunsOnTheCopyTurnoutMade() throws Exception {
        StateDatabase.embedded(dir.resolve("data")).close();
        String path = System.getProperty(SqliteNativeLibrary.PATH_PROPERTY);
        assertTrue(path != null, "set before the first store opened");
        Path folder = Path.of(path);
        assertTrue(folder.getFileName().toString().startsWith(SqliteNativeLibrary.FOLDER_PREFIX + ProcessHandle.current().pid() + "-"), path);
        assertTrue(Files.size(folder.resolve(LibraryLoaderUtil.getNativeLibName())) > 100_000, "the library itself");
    }

    @Test
    void theFoldersOfEndedProcessesAreDeletedAndTheOthersKept() throws Exception {
        Process ended = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-version").redirectErrorStream(true).start();
        ended.getInputStream().readAllBytes();
        assertTrue(ended.waitFor(60, TimeUnit.SECONDS));
        Path gone = Files.createDirectory(dir.resolve(SqliteNativeLibrary.FOLDER_PREFIX + ended.pid() + "-123"));
        Files.writeString(gone.resolve("libsqlitejdbc.so"), "left by a killed process");
        Path running = Files.createDirectory(dir.resolve(SqliteNativeLibrary.FOLDER_PREFIX + ProcessHandle.current().pid() + "-456"));
        Path notOurs = Files.createDirectory(dir.resolve(SqliteNativeLibrary.FOLDER_PREFIX + "cache"));

        SqliteNativeLibrary.removeThoseOfEndedProcesses(dir);

        assertFalse(Files.exists(gone));
        assertTrue(Files.exists(running));
        assertTrue(Files.exists(notOurs));
    }
}
