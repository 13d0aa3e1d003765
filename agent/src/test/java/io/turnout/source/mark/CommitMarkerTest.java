package io.turnout.source.mark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.source.GitRemote;
import io.turnout.source.GitSourceException;
import io.turnout.source.GitSpecSource;
import io.turnout.source.Mark;
import io.turnout.source.PushReport;
import io.turnout.spec.load.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Committed-state tags against a local bare repository ({@code file://}). */
class CommitMarkerTest {
    @TempDir
    Path dir;
    Path remote;
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T04:30:00Z"));
    final InstantSource clock = () -> now.get();
    String c1;
    String c2;

    @BeforeEach
    void createRemote() throws Exception {
        remote = dir.resolve("remote.git");
        Path work = dir.resolve("work");
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            Files.writeString(work.resolve("a.txt"), "1\n");
            git.add().addFilepattern(".").call();
            c1 = git.commit().setMessage("1").setSign(false).call().name();
            Files.writeString(work.resolve("a.txt"), "2\n");
            git.add().addFilepattern(".").call();
            c2 = git.commit().setMessage("2").setSign(false).call().name();
        }
        Git.cloneRepository().setBare(true).setURI(work.toUri().toString()).setDirectory(remote.toFile()).call().close();
    }

    private GitSpecSource source(String dataDir) throws GitSourceException {
        GitSpecSource source = GitSpecSource.open(new GitRemote(remote.toUri().toString(), "main"), dir.resolve(dataDir), Map.of(), new SpecLoader());
        source.poll();
        return source;
    }

    @Test
    void markWritesTheLiveTagAndAnAnnotatedHistoryTagLocally() throws Exception {
        try (GitSpecSource source = source("data")) {
            CommitMarker marker = new CommitMarker(source.connection(), clock);

            Mark mark = marker.mark("production", c1, "web: swap to slot b (nginx 1.28)");

            assertEquals(new Mark("production", c1, "turnout/production/live", "turnout/production/20261122T043000Z"), mark);
            Repository local = source.connection().repository();
            assertEquals(ObjectId.fromString(c1), local.exactRef("refs/tags/turnout/production/live").getObjectId(), "lightweight: points at the commit");
            RevTag tag = annotated(local, "refs/tags/turnout/production/20261122T043000Z");
            assertEquals(ObjectId.fromString(c1), tag.getObject());
            assertEquals("web: swap to slot b (nginx 1.28)\n", tag.getFullMessage());
            assertEquals(Instant.parse("2026-11-22T04:30:00Z"), tag.getTaggerIdent().getWhenAsInstant());
            assertEquals(Optional.of(c1), marker.liveCommit("production"));
            assertEquals(List.of("turnout/production/20261122T043000Z", "turnout/production/live"), marker.pending());
            assertTrue(remoteTags().isEmpty(), "nothing pushed yet");
        }
    }

    @Test
    void pushPendingPushesBothTagsAndTheLiveTagMovesWithForce() throws Exception {
        try (GitSpecSource source = source("data")) {
            CommitMarker marker = new CommitMarker(source.connection(), clock);
            marker.mark("production", c2, "deploy 2");
            PushReport first = marker.pushPending();
            assertTrue(first.complete(), first.toString());
            assertEquals(List.of("turnout/production/20261122T043000Z", "turnout/production/live"), first.pushed());

            now.set(now.get().plus(Duration.ofMinutes(5)));
            marker.mark("production", c1, "back to 1");   // an older commit: the live tag moves backwards
            PushReport second = marker.pushPending();

            assertTrue(second.complete(), second.toString());
            Map<String, ObjectId> tags = remoteTags();
            assertEquals(ObjectId.fromString(c1), tags.get("refs/tags/turnout/production/live"));
            assertTrue(tags.containsKey("refs/tags/turnout/production/20261122T043000Z"));
            assertTrue(tags.containsKey("refs/tags/turnout/production/20261122T043500Z"));
            assertEquals(List.of(), marker.pending());
            assertTrue(marker.pushPending().complete(), "nothing left: a no-op");
        }
    }

    @Test
    void aFailedPushIsReportedKeptPendingAndRetried() throws Exception {
        try (GitSpecSource source = source("data")) {
            CommitMarker marker = new CommitMarker(source.connection(), clock);
            Path away = dir.resolve("remote-away.git");
            Files.move(remote, away);   // the remote is gone for a while

            Mark mark = marker.mark("staging", c2, "deploy 2");   // marking does not need the remote
            PushReport failed = marker.pushPending();

            assertFalse(failed.complete());
            assertEquals(List.of(mark.historyTag(), mark.liveTag()), failed.pending());
            String message = failed.failure().orElseThrow();
            assertTrue(message.contains(remote.toUri().toString().replaceAll("/$", "")) || message.contains("remote.git"), message);
            assertTrue(message.contains("pending"), message);
            assertEquals(List.of(mark.historyTag(), mark.liveTag()), marker.pending());

            Files.move(away, remote);
            PushReport retried = marker.pushPending();
            assertTrue(retried.complete(), retried.toString());
            assertEquals(ObjectId.fromString(c2), remoteTags().get("refs/tags/turnout/staging/live"));
        }
    }

    @Test
    void pendingTagsSurviveARestart() throws Exception {
        Path away = dir.resolve("remote-away.git");
        try (GitSpecSource source = source("data")) {
            Files.move(remote, away);
            new CommitMarker(source.connection(), clock).mark("staging", c1, "deploy 1");
        }
        Files.move(away, remote);
        try (GitSpecSource restarted = source("data")) {
            CommitMarker marker = new CommitMarker(restarted.connection(), clock);
            assertEquals(2, marker.pending().size());
            assertTrue(marker.pushPending().complete());
            assertEquals(ObjectId.fromString(c1), remoteTags().get("refs/tags/turnout/staging/live"));
        }
    }

    @Test
    void aFreshAgentReadsTheLiveCommitFromTheRemote() throws Exception {
        try (GitSpecSource source = source("data")) {
            CommitMarker marker = new CommitMarker(source.connection(), clock);
            marker.mark("production", c1, "deploy 1");
            marker.mark("staging", c2, "deploy 2");
            assertTrue(marker.pushPending().complete());
        }
        try (GitSpecSource fresh = source("other-data")) {
            CommitMarker marker = new CommitMarker(fresh.connection(), clock);
            assertEquals(Optional.empty(), marker.liveCommit("production"), "nothing local yet");
            assertEquals(Optional.of(c1), marker.fetchLiveCommit("production"));
            assertEquals(Optional.of(c2), marker.liveCommit("staging"));
            assertEquals(Optional.empty(), marker.liveCommit("qa"));
            RevTag history = annotated(fresh.connection().repository(), "refs/tags/turnout/staging/20261122T043000Z");
            assertEquals("deploy 2\n", history.getFullMessage());
        }
    }

    @Test
    void aRefreshDoesNotUndoATagThatIsStillPending() throws Exception {
        try (GitSpecSource source = source("data")) {
            CommitMarker marker = new CommitMarker(source.connection(), clock);
            marker.mark("production", c1, "deploy 1");
            assertTrue(marker.pushPending().complete());
            now.set(now.get().plusSeconds(60));
            Path away = dir.resolve("remote-away.git");
            Files.move(remote, away);
            marker.mark("production", c2, "deploy 2");
            assertFalse(marker.pushPending().complete());
            Files.move(away, remote);

            marker.refreshFromRemote();   // the remote still says c1

            assertEquals(Optional.of(c2), marker.liveCommit("production"));
        }
    }

    @Test
    void twoMarksInOneSecondGetDistinctHistoryTags() throws Exception {
        try (GitSpecSource source = source("data")) {
            CommitMarker marker = new CommitMarker(source.connection(), clock);
            Mark a = marker.mark("production", c1, "1");
            Mark again = marker.mark("production", c1, "1");
            Mark b = marker.mark("production", c2, "2");
            assertEquals(a.historyTag(), again.historyTag(), "the same mark twice is one tag");
            assertEquals("turnout/production/20261122T043000Z-2", b.historyTag());
            assertEquals(Optional.of(c2), marker.liveCommit("production"));
        }
    }

    @Test
    void badInputIsRefused() throws Exception {
        try (GitSpecSource source = source("data")) {
            CommitMarker marker = new CommitMarker(source.connection(), clock);
            assertThrows(IllegalArgumentException.class, () -> marker.mark("Prod/../x", c1, "x"));
            GitSourceException e = assertThrows(GitSourceException.class, () -> marker.mark("production", "0123456789012345678901234567890123456789", "x"));
            assertTrue(e.getMessage().contains("not in the local clone"), e.getMessage());
        }
    }

    @Test
    void aPendingTagThatWasNeverWrittenIsDropped() throws Exception {
        try (GitSpecSource source = source("data")) {
            CommitMarker marker = new CommitMarker(source.connection(), clock);
            marker.mark("staging", c1, "deploy 1");
            // as if the agent died after recording a pending tag but before writing it
            Files.writeString(source.connection().cloneDir().resolve("turnout-pending-pushes"),
                    "refs/tags/turnout/staging/20261122T043000Z\nrefs/tags/turnout/staging/live\nrefs/tags/turnout/staging/20261122T050000Z\n");

            PushReport report = marker.pushPending();

            assertTrue(report.complete(), report.toString());
            assertEquals(List.of("turnout/staging/20261122T043000Z", "turnout/staging/live"), report.pushed());
            assertEquals(List.of(), marker.pending());
        }
    }

    private Map<String, ObjectId> remoteTags() throws Exception {
        try (Repository r = Git.open(remote.toFile()).getRepository()) {
            Map<String, ObjectId> tags = new java.util.TreeMap<>();
            for (Ref ref : r.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                Ref peeled = r.getRefDatabase().peel(ref);
                tags.put(ref.getName(), peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : ref.getObjectId());
            }
            return tags;
        }
    }

    private static RevTag annotated(Repository repository, String ref) throws Exception {
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseTag(repository.exactRef(ref).getObjectId());
        }
    }
}
