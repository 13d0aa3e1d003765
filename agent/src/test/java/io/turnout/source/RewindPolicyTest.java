package io.turnout.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RewindPolicyTest {
    @TempDir
    Path dir;

    @Test
    void classifiesForwardRewindDivergedSameAndInitial() throws Exception {
        try (TestRepo repo = TestRepo.create(dir)) {
            String c1 = repo.commit("1", Map.of("a.txt", "1\n"));
            String c2 = repo.commit("2", Map.of("a.txt", "2\n"));
            String c3 = repo.commit("3", Map.of("a.txt", "3\n"));
            repo.forcePushTo(c2);
            String side = repo.commit("3'", Map.of("b.txt", "side\n"));
            Repository r = repo.git().getRepository();

            assertEquals(HistoryMove.INITIAL, CommitHistory.classify(r, Optional.empty(), c1));
            assertEquals(HistoryMove.SAME, CommitHistory.classify(r, Optional.of(c2), c2));
            assertEquals(HistoryMove.FORWARD, CommitHistory.classify(r, Optional.of(c1), c3));
            assertEquals(HistoryMove.REWIND, CommitHistory.classify(r, Optional.of(c3), c1));
            assertEquals(HistoryMove.DIVERGED, CommitHistory.classify(r, Optional.of(c3), side));
            assertEquals(HistoryMove.DIVERGED, CommitHistory.classify(r, Optional.of(ObjectId.zeroId().name().replace('0', 'a')), side),
                    "an applied commit that is gone from the repository");
        }
    }

    @ParameterizedTest
    @CsvSource({
            "INITIAL, false, true",
            "SAME, false, true",
            "FORWARD, false, true",
            "REWIND, false, false",
            "DIVERGED, false, false",
            "REWIND, true, true",
            "DIVERGED, true, true",
    })
    void rewindsAndRewritesNeedAllowRewind(HistoryMove move, boolean allowRewind, boolean apply) {
        RewindPolicy.Decision decision = RewindPolicy.decide(move, allowRewind);
        assertEquals(apply, decision.apply(), decision.reason());
        if (!apply) {
            assertTrue(decision.reason().contains("plan only"), decision.reason());
            assertTrue(decision.reason().contains("allowRewind"), decision.reason());
        }
    }

    @Test
    void theEnvironmentsSyncPolicyDecides() {
        var env = io.turnout.testing.SpecFixtures.production();
        assertFalse(env.sync().allowRewind());
        assertFalse(RewindPolicy.decide(HistoryMove.REWIND, env).apply());
    }
}
