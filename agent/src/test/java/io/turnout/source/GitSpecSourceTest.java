package io.turnout.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.spec.load.LoadResult;
import io.turnout.spec.load.SpecLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spec source against a local bare repository ({@code file://} and a plain path). */
class GitSpecSourceTest {
    @TempDir
    Path dir;
    TestRepo repo;

    @BeforeEach
    void createRepo() throws Exception {
        repo = TestRepo.create(dir);
    }

    @AfterEach
    void closeRepo() {
        repo.close();
    }

    private GitSpecSource open(GitRemote remote) throws GitSourceException {
        return GitSpecSource.open(remote, dir.resolve("data"), Map.of(), new SpecLoader());
    }

    @Test
    void firstPollClonesAndLoadsTheHead() throws Exception {
        String c1 = repo.commitTree("specs", TestRepo.SPECS_EXAMPLE, "");
        try (GitSpecSource source = open(new GitRemote(repo.fileUrl(), "main"))) {
            PollResult poll = source.poll();
            assertEquals(c1, poll.head());
            assertEquals(Optional.empty(), poll.previous());
            assertEquals(HistoryMove.INITIAL, poll.move());
            assertTrue(poll.changed());
            LoadResult specs = poll.specs().orElseThrow();
            assertTrue(specs.isValid(), () -> specs.problems().toString());
            assertEquals(6, specs.tree().orElseThrow().services().size());
            SourceStats stats = source.stats();
            assertEquals(1, stats.lsRemotes());
            assertEquals(1, stats.fetches());
            assertTrue(stats.objectsFetched() > 10, "objects fetched: " + stats.objectsFetched());
            assertEquals(1, stats.specParses());
            assertTrue(source.connection().repository().isBare());
        }
    }

    @Test
    void aPollWithNoNewCommitFetchesNothingAndParsesNothing() throws Exception {
        repo.commitTree("specs", TestRepo.SPECS_EXAMPLE, "");
        try (GitSpecSource source = open(new GitRemote(repo.fileUrl(), "main"))) {
            source.poll();
            SourceStats before = source.stats();

            PollResult again = source.poll();

            assertFalse(again.changed());
            assertEquals(HistoryMove.SAME, again.move());
            SourceStats after = source.stats();
            assertEquals(before.lsRemotes() + 1, after.lsRemotes(), "one ls-remote round trip");
            assertEquals(before.fetches(), after.fetches(), "no fetch");
            assertEquals(before.objectsFetched(), after.objectsFetched());
            assertEquals(before.specParses(), after.specParses(), "no spec parse");
        }
    }

    @Test
    void aNewCommitIsFetchedOnceAndOnlyItsObjectsTravel() throws Exception {
        String c1 = repo.commitTree("specs", TestRepo.SPECS_EXAMPLE, "");
        try (GitSpecSource source = open(new GitRemote(repo.fileUrl(), "main"))) {
            source.poll();
            SourceStats before = source.stats();
            String c2 = repo.commit("scale web", Map.of("notes.txt", "hello\n"));

            PollResult poll = source.poll();

            assertEquals(c2, poll.head());
            assertEquals(Optional.of(c1), poll.previous());
            assertEquals(HistoryMove.FORWARD, poll.move());
            assertTrue(poll.changed());
            SourceStats after = source.stats();
            assertEquals(before.fetches() + 1, after.fetches());
            assertEquals(3, after.objectsFetched() - before.objectsFetched(), "commit, root tree, blob");
            assertEquals(before.specParses() + 1, after.specParses());
        }
    }

    @Test
    void aRestartedSourceRemembersTheLastSeenHeadAndDoesNotFetchAgain() throws Exception {
        String c1 = repo.commitTree("specs", TestRepo.SPECS_EXAMPLE, "");
        try (GitSpecSource source = open(new GitRemote(repo.fileUrl(), "main"))) {
            source.poll();
        }
        try (GitSpecSource restarted = open(new GitRemote(repo.fileUrl(), "main"))) {
            assertEquals(Optional.of(c1), restarted.lastSeenHead());
            PollResult poll = restarted.poll();
            assertEquals(HistoryMove.SAME, poll.move());
            assertTrue(poll.changed(), "the first poll after a start loads the specs: the agent has none in memory");
            assertEquals(0, restarted.stats().fetches());
            assertEquals(1, restarted.stats().specParses());
        }
    }

    @Test
    void aPrefetchDoesTheFirstPollsFetchAndLoadAndThatPollReportsTheSame() throws Exception {
        String c1 = repo.commitTree("specs", TestRepo.SPECS_EXAMPLE, "");
        try (GitSpecSource source = open(new GitRemote(repo.fileUrl(), "main"))) {
            source.prefetch();
            assertEquals(1, source.stats().fetches());
            assertEquals(1, source.stats().specParses());

            PollResult poll = source.poll();

            assertEquals(c1, poll.head());
            assertEquals(Optional.empty(), poll.previous(), "the clone had nothing before the prefetch");
            assertEquals(HistoryMove.INITIAL, poll.move());
            assertEquals(SpecLoader.load(TestRepo.SPECS_EXAMPLE), poll.specs().orElseThrow());
            assertEquals(2, source.stats().lsRemotes(), "the poll still asks for the head");
            assertEquals(1, source.stats().fetches(), "but neither fetches");
            assertEquals(1, source.stats().specParses(), "nor parses again");
            source.prefetch();
            assertEquals(2, source.stats().lsRemotes(), "a prefetch after the first poll does nothing");
        }
    }

    @Test
    void aPrefetchKeepsARewindSinceTheLastRunVisibleToTheFirstPoll() throws Exception {
        String c1 = repo.commitTree("specs", TestRepo.SPECS_EXAMPLE, "");
        String c2 = repo.commit("more", Map.of("notes.txt", "2\n"));
        try (GitSpecSource source = open(new GitRemote(repo.fileUrl(), "main"))) {
            assertEquals(c2, source.poll().head());
        }
        repo.forcePushTo(c1);
        try (GitSpecSource restarted = open(new GitRemote(repo.fileUrl(), "main"))) {
            restarted.prefetch();
            PollResult poll = restarted.poll();
            assertEquals(c1, poll.head());
            assertEquals(Optional.of(c2), poll.previous());
            assertEquals(HistoryMove.REWIND, poll.move());
        }
    }

    @Test
    void aCommitPushedBetweenThePrefetchAndTheFirstPollIsFetchedAndLoaded() throws Exception {
        repo.commitTree("specs", TestRepo.SPECS_EXAMPLE, "");
        try (GitSpecSource source = open(new GitRemote(repo.fileUrl(), "main"))) {
            source.prefetch();
            String c2 = repo.commit("more", Map.of("notes.txt", "2\n"));

            PollResult poll = source.poll();

            assertEquals(c2, poll.head());
            assertEquals(HistoryMove.INITIAL, poll.move());
            assertEquals(2, source.stats().fetches());
            assertEquals(2, source.stats().specParses());
            assertTrue(poll.specs().orElseThrow().isValid());
        }
    }

    @Test
    void aFailedPrefetchLeavesTheErrorToTheFirstPoll() throws Exception {
        repo.commitTree("specs", TestRepo.SPECS_EXAMPLE, "");
        try (GitSpecSource source = open(new GitRemote(repo.fileUrl(), "no-such-branch"))) {
            source.prefetch();
            GitSourceException e = assertThrows(GitSourceException.class, source::poll);
            assertEquals(GitSourceException.Reason.NOT_FOUND, e.reason());
        }
    }

    @Test
    void aPlainPathWorksLikeAFileUrl() throws Exception {
        String c1 = repo.commitTree("specs", TestRepo.SPECS_EXAMPLE, "");
        try (GitSpecSource source = open(new GitRemote(repo.bare.toString(), "main"))) {
            assertEquals(c1, source.poll().head());
        }
    }

    @Test
    void specsInAMonorepoFolder() throws Exception {
        repo.commit("app code", Map.of("src/Main.java", "class Main {}\n", "README.md", "# shop\n"));
        String c2 = repo.commitTree("specs", TestRepo.SPECS_EXAMPLE, "deploy/turnout");
        try (GitSpecSource source = open(new GitRemote(repo.fileUrl(), "main", "deploy/turnout/", GitCredentials.none()))) {
            PollResult poll = source.poll();
            assertEquals(c2, poll.head());
            LoadResult specs = poll.specs().orElseThrow();
            assertTrue(specs.isValid(), () -> specs.problems().toString());
            assertEquals(SpecLoader.load(TestRepo.SPECS_EXAMPLE), specs);
            assertTrue(source.filesAt(c2).describe().endsWith(":deploy/turnout"), source.filesAt(c2).describe());
        }
    }

    @Test
    void aMissingSpecFolderIsReportedAsAProblemNotAnException() throws Exception {
        repo.commit("app code", Map.of("src/Main.java", "class Main {}\n"));
        try (GitSpecSource source = open(new GitRemote(repo.fileUrl(), "main", "deploy", GitCredentials.none()))) {
            LoadResult specs = source.poll().specs().orElseThrow();
            assertFalse(specs.isValid());
            assertTrue(specs.problems().getFirst().message().contains("deploy"), specs.problems().toString());
        }
    }

    @Test
    void aForcePushToAnOlderCommitIsARewind() throws Exception {
        String c1 = repo.commitTree("specs", TestRepo.SPECS_EXAMPLE, "");
        String c2 = repo.commit("more", Map.of("notes.txt", "2\n"));
        try (GitSpecSource source = open(new GitRemote(repo.fileUrl(), "main"))) {
            assertEquals(c2, source.poll().head());
            repo.forcePushTo(c1);

            PollResult poll = source.poll();

            assertEquals(c1, poll.head());
            assertEquals(Optional.of(c2), poll.previous());
            assertEquals(HistoryMove.REWIND, poll.move());
            assertTrue(poll.rewound());
            assertTrue(poll.changed());
        }
    }

    @Test
    void anAmendedAndForcePushedCommitIsDiverged() throws Exception {
        repo.commitTree("specs", TestRepo.SPECS_EXAMPLE, "");
        String c2 = repo.commit("more", Map.of("notes.txt", "2\n"));
        try (GitSpecSource source = open(new GitRemote(repo.fileUrl(), "main"))) {
            source.poll();
            String rewritten = repo.amendAndForcePush("more, reworded");

            PollResult poll = source.poll();

            assertEquals(rewritten, poll.head());
            assertEquals(Optional.of(c2), poll.previous());
            assertEquals(HistoryMove.DIVERGED, poll.move());
        }
    }

    @Test
    void aMissingBranchSaysSo() throws Exception {
        repo.commit("x", Map.of("a.txt", "a\n"));
        try (GitSpecSource source = open(new GitRemote(repo.fileUrl(), "release"))) {
            GitSourceException e = assertThrows(GitSourceException.class, source::poll);
            assertEquals(GitSourceException.Reason.NOT_FOUND, e.reason());
            assertTrue(e.getMessage().contains("branch 'release' does not exist"), e.getMessage());
        }
    }

    @Test
    void aMissingRepositoryIsNotFound() throws Exception {
        try (GitSpecSource source = open(new GitRemote(dir.resolve("nothing-here.git").toUri().toString(), "main"))) {
            GitSourceException e = assertThrows(GitSourceException.class, source::poll);
            assertEquals(GitSourceException.Reason.NOT_FOUND, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("nothing-here.git"), e.getMessage());
        }
    }

    @Test
    void twoRepositoriesGetTwoClonesWithSafeNames() throws Exception {
        repo.commit("x", Map.of("a.txt", "a\n"));
        try (GitSpecSource a = open(new GitRemote(repo.fileUrl(), "main"));
             GitSpecSource b = open(new GitRemote(repo.bare.toString(), "main"))) {
            assertFalse(a.connection().cloneDir().equals(b.connection().cloneDir()));
            for (GitSpecSource s : new GitSpecSource[] {a, b}) {
                String name = s.connection().cloneDir().getFileName().toString();
                assertTrue(name.matches("[A-Za-z0-9._-]+"), name);
            }
        }
        assertTrue(CloneFolder.nameFor("https://github.com/acme/shop-deploy.git").matches("github\\.com_acme_shop-deploy-[0-9a-f]{10}\\.git"),
                CloneFolder.nameFor("https://github.com/acme/shop-deploy.git"));
    }

    @Test
    void theCloneIsKeptCompactAcrossManyFetches() throws Exception {
        String first = repo.commitTree("specs", TestRepo.SPECS_EXAMPLE, "");
        try (GitSpecSource source = open(new GitRemote(repo.fileUrl(), "main"))) {
            var config = source.connection().repository().getConfig();
            config.setInt("gc", null, "autopacklimit", 3);
            // JGit keeps replaced packs for an hour by default (readers may still use them);
            // "now" lets the test see the compaction without waiting.
            config.setString("gc", null, "prunePackExpire", "now");
            config.save();
            assertFalse(config.getBoolean("gc", "autoDetach", true), "housekeeping runs in the polling thread");
            source.poll();
            String last = first;
            for (int i = 0; i < 6; i++) {
                last = repo.commit("change " + i, Map.of("notes.txt", i + "\n"));
                assertEquals(last, source.poll().head());
                // JGit collects once there are more than autopacklimit + 1 packs; without
                // housekeeping there would be one pack per fetch, 7 at the end.
                assertTrue(source.connection().packCount() <= 4, "packs: " + source.connection().packCount());
            }
            assertEquals(7, source.stats().fetches());
            assertTrue(source.specsAt(first).isValid(), "old commits survive the housekeeping");
            assertEquals(HistoryMove.FORWARD, source.historyMove(Optional.of(first), last));
        }
    }

    @Test
    void theMoveSinceTheAppliedCommitIsWhatTheRewindPolicyJudges() throws Exception {
        String c1 = repo.commitTree("specs", TestRepo.SPECS_EXAMPLE, "");
        String c2 = repo.commit("2", Map.of("notes.txt", "2\n"));
        try (GitSpecSource source = open(new GitRemote(repo.fileUrl(), "main"))) {
            source.poll();
            assertEquals(HistoryMove.INITIAL, source.historyMove(Optional.empty(), c2));
            assertEquals(HistoryMove.FORWARD, source.historyMove(Optional.of(c1), c2));
            assertEquals(HistoryMove.REWIND, source.historyMove(Optional.of(c2), c1));
            assertFalse(RewindPolicy.decide(source.historyMove(Optional.of(c2), c1), false).apply());
        }
    }
}
