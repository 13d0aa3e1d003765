package io.turnout.state.sql;

import io.turnout.state.EnvironmentBusyException;
import io.turnout.state.EnvironmentLease;
import io.turnout.state.FileJournal;
import io.turnout.state.StateStore;
import io.turnout.state.StateStoreException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Brings the journals an older Turnout kept as files ({@code <data-dir>/journal/<env>.jsonl}) into
 * the store once, so that a deployment it left unfinished is still resumed or rolled back after
 * the upgrade. Each file is imported only into an empty journal, under the environment's lease,
 * and renamed {@code .jsonl.imported} afterwards.
 */
final class LegacyJournals {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyJournals.class);

    private LegacyJournals() {
    }

    static void importInto(StateStore store, Path dataDir) {
        Path folder = dataDir.resolve("journal");
        if (!Files.isDirectory(folder)) return;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.jsonl")) {
            for (Path file : files) {
                String environment = file.getFileName().toString().replaceFirst("\\.jsonl$", "");
                try (EnvironmentLease lease = store.lease(environment)) {
                    if (store.journal(environment).entries().isEmpty()) {
                        for (ObjectNode entry : new FileJournal(dataDir, environment).entries()) store.journal(environment).append(entry);
                    }
                    Files.move(file, file.resolveSibling(file.getFileName() + ".imported"));
                    LOG.info("{}: imported the journal {} into the state store", environment, file);
                } catch (EnvironmentBusyException busy) {
                    LOG.info("{}: the journal {} is imported at the next start ({})", environment, file, busy.getMessage());
                }
            }
        } catch (IOException e) {
            throw new StateStoreException("cannot import the journals of " + folder, e);
        }
    }
}
