package io.turnout.state.sql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * SQLite's native library, copied out of the jar into a temporary folder of this process for
 * sqlite-jdbc to load ({@code org.sqlite.lib.path}). sqlite-jdbc's own loader makes the same copy
 * but then compares it with the jar's, byte by byte through a buffered stream: a tenth of a second
 * at the agent's start, a fifth of opening the store. Once per process; the folder is deleted when
 * the process exits, and the folders of processes that no longer run (killed) the next time.
 * Nothing here fails: without a copy (a library of the user's choosing set with
 * {@code -Dorg.sqlite.lib.path}, a platform the jar has no library for, an unwritable temporary
 * folder) sqlite-jdbc searches and extracts as it always does, and says what is missing.
 */
final class SqliteNativeLibrary {
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String FOLDER_PREFIX = "turnout-sqlite-";
    private static boolean prepared;

    private SqliteNativeLibrary() {
    }

    /**
     * Copies the library for sqlite-jdbc, unless that was done or set already; the folder it is in,
     * if this call made it. A second caller waits for the first (the store being opened waits for
     * the copy begun as the agent started, {@link StateDatabase#prepareNativeLibrary()}).
     */
    static synchronized Optional<Path> prepare() {
        if (prepared || System.getProperty(PATH_PROPERTY) != null) return Optional.empty();
        prepared = true;
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        removeThoseOfEndedProcesses(temp);
        String name = LibraryLoaderUtil.getNativeLibName();
        try (InputStream library = SQLiteJDBCLoader.class.getResourceAsStream(LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name)) {
            if (library == null) return Optional.empty();
            // the PID in the name: a later process can tell that this one has ended
            Path folder = Files.createTempDirectory(temp, FOLDER_PREFIX + ProcessHandle.current().pid() + "-");
            folder.toFile().deleteOnExit();
            Path copy = folder.resolve(name);
            copy.toFile().deleteOnExit(); // registered last, deleted first: then the folder is empty
            Files.copy(library, copy);
            System.setProperty(PATH_PROPERTY, folder.toString());
            return Optional.of(folder);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Deletes the folders left by processes that were killed before they could delete theirs. */
    static void removeThoseOfEndedProcesses(Path temp) {
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(temp, FOLDER_PREFIX + "*")) {
            for (Path folder : folders) {
                String rest = folder.getFileName().toString().substring(FOLDER_PREFIX.length());
                int dash = rest.indexOf('-');
                long pid;
                try {
                    pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                } catch (NumberFormatException notOurs) {
                    continue;
                }
                if (pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
                try (Stream<Path> files = Files.walk(folder)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
                } catch (IOException | RuntimeException e) {
                    // another process's, or already gone: left alone
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable temporary folder: nothing to tidy
        }
    }
}
