package io.turnout.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.source.PushReport;
import io.turnout.source.mark.CommitMarker;
import io.turnout.spec.load.SpecLoader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.junit.ssh.SshTestGitServer;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spec source over SSH: JGit's Apache MINA sshd client against an in-process Apache MINA
 * sshd git server (JGit's test server) on 127.0.0.1, with a deploy key and a known_hosts file.
 */
class SshTransportTest {
    @TempDir
    Path dir;
    TestRepo repo;
    Repository served;
    SshTestGitServer server;
    int port;
    KeyPair hostKey;
    Path clientKey;
    String c1;

    /** JGit's test server, bound to the loopback address only. */
    static final class LoopbackGitServer extends SshTestGitServer {
        LoopbackGitServer(String user, java.security.PublicKey userKey, Repository repository, KeyPair hostKey) {
            super(user, userKey, repository, hostKey);
            server.setHost("127.0.0.1");
        }
    }

    @BeforeEach
    void startServer() throws Exception {
        repo = TestRepo.create(dir.resolve("remote"));
        c1 = repo.commitTree("specs", TestRepo.SPECS_EXAMPLE, "");
        served = Git.open(repo.bare.toFile()).getRepository();
        hostKey = ecKeyPair();
        KeyPair client = ecKeyPair();
        clientKey = writePrivateKey(client, dir.resolve("deploy_key"));
        server = new LoopbackGitServer("git", client.getPublic(), served, hostKey);
        port = server.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.stop();
        served.close();
        repo.close();
    }

    private String url() {
        return "ssh://git@127.0.0.1:" + port + "/remote.git";
    }

    private Path knownHosts(KeyPair key) throws Exception {
        Path file = dir.resolve("known_hosts-" + System.nanoTime());
        Files.writeString(file, "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(key.getPublic()) + "\n");
        return file;
    }

    @Test
    void aDeployKeyAndAKnownHostOpenTheRepositoryAndTagsArePushed() throws Exception {
        GitRemote remote = new GitRemote(url(), "main", "", GitCredentials.sshKey(clientKey, knownHosts(hostKey)));
        try (GitSpecSource source = GitSpecSource.open(remote, dir.resolve("data"), Map.of(), new SpecLoader())) {
            PollResult poll = source.poll();
            assertEquals(c1, poll.head());
            assertTrue(poll.specs().orElseThrow().isValid());
            assertFalse(source.poll().changed());
            assertEquals(1, source.stats().fetches());

            CommitMarker marker = new CommitMarker(source.connection(), () -> Instant.parse("2026-11-22T04:30:00Z"));
            marker.mark("staging", c1, "first deployment");
            PushReport report = marker.pushPending();
            assertTrue(report.complete(), report.toString());
        }
        assertEquals(c1, served.exactRef("refs/tags/turnout/staging/live").getObjectId().name());
    }

    @Test
    void aServerWhoseKeyIsNotTheKnownOneIsRefused() throws Exception {
        GitRemote remote = new GitRemote(url(), "main", "", GitCredentials.sshKey(clientKey, knownHosts(ecKeyPair())));
        try (GitSpecSource source = GitSpecSource.open(remote, dir.resolve("data"), Map.of(), new SpecLoader())) {
            GitSourceException e = assertThrows(GitSourceException.class, source::poll);
            assertEquals(GitSourceException.Reason.AUTHENTICATION, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
            assertEquals(0, source.stats().fetches());
        }
    }

    @Test
    void anUnknownHostIsRefusedByDefaultAndTrustedOnFirstUseOnlyWhenAsked() throws Exception {
        Path empty = dir.resolve("known_hosts-empty");
        Files.writeString(empty, "");
        GitRemote strict = new GitRemote(url(), "main", "", GitCredentials.sshKey(clientKey, empty));
        try (GitSpecSource source = GitSpecSource.open(strict, dir.resolve("strict"), Map.of(), new SpecLoader())) {
            GitSourceException e = assertThrows(GitSourceException.class, source::poll);
            assertEquals(GitSourceException.Reason.AUTHENTICATION, e.reason(), e.getMessage());
        }
        GitRemote acceptNew = strict.withCredentials(new GitCredentials.Ssh(clientKey, empty, Optional.empty(), GitCredentials.HostKeyChecking.ACCEPT_NEW));
        try (GitSpecSource source = GitSpecSource.open(acceptNew, dir.resolve("accept-new"), Map.of(), new SpecLoader())) {
            assertEquals(c1, source.poll().head());
        }
        assertTrue(Files.readString(empty).contains(PublicKeyEntry.toString(hostKey.getPublic()).split(" ")[1]),
                "the new host was added to known_hosts");
        try (GitSpecSource source = GitSpecSource.open(strict, dir.resolve("strict-again"), Map.of(), new SpecLoader())) {
            assertEquals(c1, source.poll().head(), "now known: strict checking accepts it");
        }
    }

    @Test
    void aKeyTheServerDoesNotKnowIsAnAuthenticationFailure() throws Exception {
        Path otherKey = writePrivateKey(ecKeyPair(), dir.resolve("other_key"));
        GitRemote remote = new GitRemote(url(), "main", "", GitCredentials.sshKey(otherKey, knownHosts(hostKey)));
        try (GitSpecSource source = GitSpecSource.open(remote, dir.resolve("data"), Map.of(), new SpecLoader())) {
            GitSourceException e = assertThrows(GitSourceException.class, source::poll);
            assertEquals(GitSourceException.Reason.AUTHENTICATION, e.reason(), e.getMessage());
            assertTrue(e.getMessage().contains(url()), e.getMessage());
        }
    }

    @Test
    void aMissingKeyFileIsAConfigurationError() {
        GitRemote remote = new GitRemote(url(), "main", "", GitCredentials.sshKey(dir.resolve("no-such-key"), dir.resolve("no-known-hosts")));
        GitSourceException e = assertThrows(GitSourceException.class, () -> GitSpecSource.open(remote, dir.resolve("data"), Map.of(), new SpecLoader()));
        assertEquals(GitSourceException.Reason.CONFIGURATION, e.reason());
        assertTrue(e.getMessage().contains("no-such-key"), e.getMessage());
    }

    @Test
    void theSshClientIgnoresTheUsersOwnSshSetUp() {
        var options = SshSessions.options((GitCredentials.Ssh) GitCredentials.sshKey(clientKey, dir.resolve("kh")));
        assertEquals(java.util.List.of("yes"), options.get("StrictHostKeyChecking"));
        assertEquals(java.util.List.of("yes"), options.get("IdentitiesOnly"));
        assertEquals(java.util.List.of("none"), options.get("IdentityAgent"));
        assertEquals(java.util.List.of(clientKey.toAbsolutePath().toString()), options.get("IdentityFile"));
    }

    private static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static Path writePrivateKey(KeyPair key, Path file) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "turnout-test", null, out);
        }
        return file;
    }
}
