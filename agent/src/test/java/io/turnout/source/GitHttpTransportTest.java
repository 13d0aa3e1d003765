package io.turnout.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.turnout.source.Mark;
import io.turnout.source.PushReport;
import io.turnout.source.mark.CommitMarker;
import io.turnout.spec.load.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spec source over Git's smart HTTP protocol with Basic authentication, as against a Git
 * host with an access token: {@code git http-backend} behind the JDK's HTTP server on 127.0.0.1
 * (plain http; TLS is the JDK's business, not Turnout's).
 */
class GitHttpTransportTest {
    static final String TOKEN = "ghp_s3cr3tT0kenThatMustNeverBeShown";

    @TempDir
    static Path base;
    static GitHttpServer server;

    @BeforeAll
    static void startServer() throws Exception {
        assumeTrue(GitDaemon.gitAvailable(), "git is not installed: the HTTP transport test (git http-backend) is skipped");
        server = GitHttpServer.start(base, "x-access-token", TOKEN);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.close();
    }

    private static GitRemote remote(String repo, GitCredentials credentials) {
        return new GitRemote(server.url(repo + "/remote.git"), "main", "", credentials);
    }

    @Test
    void aTokenFromAnEnvironmentVariableOpensThePrivateRepository(@TempDir Path dir) throws Exception {
        try (TestRepo repo = TestRepo.create(base.resolve("env-token"))) {
            String c1 = repo.commitTree("specs", TestRepo.SPECS_EXAMPLE, "");
            GitRemote remote = remote("env-token", GitCredentials.token(SecretSource.environmentVariable("TURNOUT_GIT_TOKEN")));
            try (GitSpecSource source = GitSpecSource.open(remote, dir, Map.of("TURNOUT_GIT_TOKEN", TOKEN), new SpecLoader())) {
                PollResult poll = source.poll();
                assertEquals(c1, poll.head());
                assertTrue(poll.specs().orElseThrow().isValid());
                assertFalse(source.poll().changed());
                assertEquals(1, source.stats().fetches(), "no fetch without a new commit");
                String c2 = repo.commit("2", Map.of("notes.txt", "2\n"));
                assertEquals(c2, source.poll().head());
                assertEquals(2, source.stats().fetches());
            }
        }
    }

    @Test
    void userAndPasswordFromAFile(@TempDir Path dir) throws Exception {
        try (TestRepo repo = TestRepo.create(base.resolve("file-secret"))) {
            String c1 = repo.commit("1", Map.of("a.txt", "1\n"));
            Path secret = dir.resolve("git-password");
            Files.writeString(secret, TOKEN + "\n");
            GitRemote remote = remote("file-secret", GitCredentials.basic("x-access-token", SecretSource.file(secret)));
            try (GitSpecSource source = GitSpecSource.open(remote, dir.resolve("data"), Map.of(), new SpecLoader())) {
                assertEquals(c1, source.poll().head());
            }
        }
    }

    @Test
    void aWrongTokenFailsWithAMessageThatNamesTheRemoteButNoSecret(@TempDir Path dir) throws Exception {
        try (TestRepo repo = TestRepo.create(base.resolve("wrong-token"))) {
            repo.commit("1", Map.of("a.txt", "1\n"));
            String wrong = "ghp_wr0ngT0kenAlsoSecret";
            GitRemote remote = remote("wrong-token", GitCredentials.token(SecretSource.environmentVariable("TOKEN")));
            int before = server.unauthorized.get();
            try (GitSpecSource source = GitSpecSource.open(remote, dir, Map.of("TOKEN", wrong), new SpecLoader())) {
                GitSourceException e = assertThrows(GitSourceException.class, source::poll);

                assertTrue(server.unauthorized.get() > before, "the server refused the credentials");
                assertEquals(GitSourceException.Reason.AUTHENTICATION, e.reason(), e.getMessage());
                assertTrue(e.getMessage().contains(server.url("wrong-token/remote.git")), e.getMessage());
                assertTrue(e.getMessage().contains("credentials"), e.getMessage());
                assertFalse(e.getMessage().contains(wrong), e.getMessage());
                assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
                assertFalse(e.toString().contains(wrong));
            }
        }
    }

    @Test
    void aMissingTokenVariableSaysWhichVariable(@TempDir Path dir) throws Exception {
        GitRemote remote = remote("nothing", GitCredentials.token(SecretSource.environmentVariable("TURNOUT_GIT_TOKEN")));
        try (GitSpecSource source = GitSpecSource.open(remote, dir, Map.of(), new SpecLoader())) {
            GitSourceException e = assertThrows(GitSourceException.class, source::poll);
            assertEquals(GitSourceException.Reason.CONFIGURATION, e.reason());
            assertTrue(e.getMessage().contains("environment variable TURNOUT_GIT_TOKEN"), e.getMessage());
        }
    }

    @Test
    void aTokenInTheUrlIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GitRemote("https://x-access-token:" + TOKEN + "@github.com/acme/deploy.git", "main"));
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        assertTrue(e.getMessage().contains("remove it from the URL"), e.getMessage());
    }

    @Test
    void aReadOnlyTokenCannotPushTagsTheFailureIsReportedAndRetriedLater(@TempDir Path dir) throws Exception {
        try (TestRepo repo = TestRepo.create(base.resolve("read-only"))) {
            String c1 = repo.commit("1", Map.of("a.txt", "1\n"));
            GitRemote remote = remote("read-only", GitCredentials.token(SecretSource.environmentVariable("TOKEN")));
            try (GitSpecSource source = GitSpecSource.open(remote, dir, Map.of("TOKEN", TOKEN), new SpecLoader())) {
                source.poll();
                CommitMarker marker = new CommitMarker(source.connection(), () -> Instant.parse("2026-11-22T04:30:00Z"));
                server.readOnly.set(true);
                try {
                    Mark mark = marker.mark("production", c1, "web: 1 change");
                    PushReport failed = marker.pushPending();

                    assertFalse(failed.complete());
                    assertEquals(List.of(mark.historyTag(), mark.liveTag()), failed.pending());
                    String message = failed.failure().orElseThrow();
                    assertTrue(message.contains(server.url("read-only/remote.git")), message);
                    assertTrue(message.contains("deployments are not affected"), message);
                    assertFalse(message.contains(TOKEN), message);
                    assertEquals(Optional.of(c1), marker.liveCommit("production"), "the local mark stands");
                } finally {
                    server.readOnly.set(false);
                }
                PushReport retried = marker.pushPending();
                assertTrue(retried.complete(), retried.toString());
                assertEquals(2, retried.pushed().size());
            }
            try (GitSpecSource fresh = GitSpecSource.open(remote, dir.resolve("fresh"), Map.of("TOKEN", TOKEN), new SpecLoader())) {
                assertEquals(Optional.of(c1), new CommitMarker(fresh.connection(), Instant::now).fetchLiveCommit("production"));
            }
        }
    }
}
