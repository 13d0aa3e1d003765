package io.turnout.state.sql;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The schema migrations of one kind of database ({@code db/turnout/<kind>/V*.sql} in the jar), for
 * Flyway. Listed by {@link StateDatabase.Kind} rather than found by Flyway's class path scan, which
 * reads every entry of the shaded jar (some 30,000) at each start to find these few; a test keeps
 * the lists equal to the folders. Each migration is what the scan would give: the same file name,
 * so the same script, description and checksum in the schema history.
 */
final class Migrations implements ResourceProvider {
    private final List<LoadableResource> migrations;

    Migrations(String folder, List<String> files) {
        this.migrations = files.stream().map(file -> (LoadableResource) new Migration("db/turnout/" + folder + "/", file)).toList();
    }

    @Override
    public LoadableResource getResource(String name) {
        return migrations.stream().filter(m -> m.getRelativePath().equals(name)).findFirst().orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return migrations.stream()
                .filter(m -> m.getFilename().startsWith(prefix) && Arrays.stream(suffixes).anyMatch(m.getFilename()::endsWith))
                .toList();
    }

    /** One file of the folder, read from the class path. */
    private static final class Migration extends LoadableResource {
        private final String folder;
        private final String file;

        Migration(String folder, String file) {
            this.folder = folder;
            this.file = file;
        }

        @Override
        public Reader read() {
            InputStream in = Migrations.class.getClassLoader().getResourceAsStream(folder + file);
            if (in == null) throw new UncheckedIOException(new java.io.FileNotFoundException("migration missing from the class path: " + folder + file));
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return folder + file;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return folder + file;
        }

        @Override
        public String getFilename() {
            return file;
        }

        @Override
        public String getRelativePath() {
            return file;
        }
    }
}
