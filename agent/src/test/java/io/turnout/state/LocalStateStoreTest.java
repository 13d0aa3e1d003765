package io.turnout.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.status.CommitOutcome.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;

class LocalStateStoreTest extends StateStoreContract {
    @TempDir
    Path dir;

    @Override
    StateStore store() {
        return LocalStateStore.withFileJournals(dir);
    }

    @Test
    void journalsAreFilesUnderTheDataDirectoryAndSurviveTheStore() {
        store().journal("production").append(JsonNodeFactory.instance.objectNode().put("type", "begin"));
        assertTrue(Files.exists(dir.resolve("journal/production.jsonl")));
        assertEquals(1, LocalStateStore.withFileJournals(dir).journal("production").entries().size(), "a restart reads it back");
    }

    @Test
    void historyIsBounded() {
        StateStore store = LocalStateStore.inMemory();
        for (int i = 0; i < LocalStateStore.KEPT_OUTCOMES + 10; i++) store.recordOutcome("production", outcome("c" + i, Outcome.APPLIED));
        assertEquals(LocalStateStore.KEPT_OUTCOMES, store.recentOutcomes("production", Integer.MAX_VALUE).size());
        assertTrue(store.decided("production", "c" + (LocalStateStore.KEPT_OUTCOMES + 9)));
        assertTrue(!store.decided("production", "c0"), "the oldest fell out");
    }
}
