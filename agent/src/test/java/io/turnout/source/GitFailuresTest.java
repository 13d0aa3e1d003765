package io.turnout.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.jgit.api.errors.TransportException;
import org.junit.jupiter.api.Test;

class GitFailuresTest {
    final GitRemote remote = new GitRemote("https://git.example.com/acme/deploy.git", "main");

    @Test
    void aSecretThatSomehowReachesAMessageIsScrubbed() {
        Exception e = new TransportException("https://git.example.com/acme/deploy.git: not authorized",
                new java.io.IOException("server said: bad token tok-123456 for user x"));
        GitSourceException failure = GitFailures.describe("fetch from " + remote.displayUrl(), remote, e, List.of("tok-123456"));
        assertFalse(failure.getMessage().contains("tok-123456"), failure.getMessage());
        assertTrue(failure.getMessage().contains("bad token **** for user x"), failure.getMessage());
        assertEquals(GitSourceException.Reason.AUTHENTICATION, failure.reason());
        assertTrue(failure.getMessage().startsWith("cannot fetch from https://git.example.com/acme/deploy.git: not authorized"), failure.getMessage());
    }

    @Test
    void networkTroubleIsTransient() {
        Exception e = new TransportException("https://git.example.com/acme/deploy.git: connection failed", new java.net.ConnectException("Connection refused"));
        GitSourceException failure = GitFailures.describe("fetch from " + remote.displayUrl(), remote, e, List.of());
        assertEquals(GitSourceException.Reason.UNREACHABLE, failure.reason());
        assertTrue(failure.reason().isTransient());
        assertTrue(failure.getMessage().endsWith("This is retried later."), failure.getMessage());
    }
}
