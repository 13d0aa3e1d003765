package io.turnout.source.mark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;

/**
 * The tag refs marked locally but not yet on the remote, one per line in a file next to the
 * clone, so that a restart does not forget them. Written atomically (temp file + rename).
 */
final class PendingPushes {
    private final Path file;

    PendingPushes(Path file) {
        this.file = file;
    }

    synchronized List<String> refs() throws IOException {
        if (!Files.exists(file)) return List.of();
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    synchronized void add(Collection<String> refs) throws IOException {
        SequencedSet<String> all = new LinkedHashSet<>(refs());
        all.addAll(refs);
        write(new ArrayList<>(all));
    }

    synchronized void remove(Collection<String> refs) throws IOException {
        List<String> left = new ArrayList<>(refs());
        left.removeAll(refs);
        write(left);
    }

    private void write(List<String> refs) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, refs, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
