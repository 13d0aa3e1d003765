package io.turnout.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.turnout.source.PushReport;
import io.turnout.source.mark.CommitMarker;
import io.turnout.spec.load.SpecLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec source and the commit marker over a real network transport: {@code git daemon} on 127.0.0.1. */
class GitDaemonTransportTest {
    @TempDir
    static Path base;
    static GitDaemon daemon;

    @BeforeAll
    static void startDaemon() throws Exception {
        assumeTrue(GitDaemon.gitAvailable(), "git is not installed: the git:// transport test is skipped");
        daemon = GitDaemon.start(base);
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (daemon != null) daemon.close();
    }

    @Test
    void pollsFetchesOnlyWhenTheHeadMovesAndLoadsTheSpecs(@TempDir Path dir) throws Exception {
        try (TestRepo repo = TestRepo.create(base.resolve("poll"))) {
            String c1 = repo.commitTree("specs", TestRepo.SPECS_EXAMPLE, "");
            GitRemote remote = new GitRemote(daemon.url("poll/remote.git"), "main");
            try (GitSpecSource source = GitSpecSource.open(remote, dir, Map.of(), new SpecLoader())) {
                PollResult first = source.poll();
                assertEquals(c1, first.head());
                assertTrue(first.specs().orElseThrow().isValid(), () -> first.specs().toString());

                assertFalse(source.poll().changed());
                assertEquals(1, source.stats().fetches(), "no fetch without a new commit");
                assertEquals(1, source.stats().specParses());

                String c2 = repo.commit("2", Map.of("notes.txt", "2\n"));
                PollResult second = source.poll();
                assertEquals(c2, second.head());
                assertEquals(HistoryMove.FORWARD, second.move());
                assertEquals(2, source.stats().fetches());
                assertEquals(3, source.stats().lsRemotes());
            }
        }
    }

    @Test
    void marksArePushedAndReadBackByAFreshAgent(@TempDir Path dir) throws Exception {
        try (TestRepo repo = TestRepo.create(base.resolve("mark"))) {
            String c1 = repo.commit("1", Map.of("a.txt", "1\n"));
            GitRemote remote = new GitRemote(daemon.url("mark/remote.git"), "main");
            try (GitSpecSource source = GitSpecSource.open(remote, dir.resolve("a"), Map.of(), new SpecLoader())) {
                source.poll();
                CommitMarker marker = new CommitMarker(source.connection(), () -> Instant.parse("2026-11-22T04:30:00Z"));
                marker.mark("production", c1, "deployed 1");
                PushReport report = marker.pushPending();
                assertTrue(report.complete(), report.toString());
            }
            try (GitSpecSource fresh = GitSpecSource.open(remote, dir.resolve("b"), Map.of(), new SpecLoader())) {
                CommitMarker marker = new CommitMarker(fresh.connection(), Instant::now);
                assertEquals(Optional.of(c1), marker.fetchLiveCommit("production"));
            }
        }
    }
}
