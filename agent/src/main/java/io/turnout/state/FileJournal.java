package io.turnout.state;

import io.turnout.error.TurnoutException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The default journal: one JSON-lines file per environment, {@code <dataDir>/journal/<env>.jsonl}.
 * Each entry is one line, written and forced to disk ({@code fsync}) before {@link #append}
 * returns, so a crash loses at most the entry being written. A torn last line (the crash hit
 * mid-write) is ignored on reading: the step it would have recorded is treated as not done,
 * which is safe because every step is idempotent.
 */
public final class FileJournal implements Journal {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Path file;

    public FileJournal(Path dataDir, String environment) {
        this.file = dataDir.resolve("journal").resolve(environment + ".jsonl");
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void append(ObjectNode entry) {
        byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) channel.write(buffer);
                channel.force(true);
            }
        } catch (IOException e) {
            // Without a journal an interrupted deployment could not be recovered: stop before changing more.
            throw new TurnoutException("cannot write the deployment journal " + file + ": " + e.getMessage(),
                    "Check that the data directory is writable (--data-dir).", e);
        }
    }

    @Override
    public synchronized List<ObjectNode> entries() {
        if (!Files.exists(file)) return List.of();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the deployment journal " + file, e);
        }
        List<ObjectNode> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            try {
                JsonNode node = JSON.readTree(line);
                if (node instanceof ObjectNode o) entries.add(o);
            } catch (JacksonException e) {
                if (i == lines.size() - 1) break; // torn last line: the write it records never completed
                throw new IllegalStateException("deployment journal " + file + " line " + (i + 1)
                        + " is not JSON; move the file away to start afresh (the deployment it records is lost)", e);
            }
        }
        return entries;
    }
}
