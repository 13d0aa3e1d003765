package io.turnout.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GitRemoteTest {
    @ParameterizedTest
    @CsvSource({
            "'', ''",
            "/, ''",
            "., ''",
            "deploy/specs, deploy/specs",
            "/deploy/specs/, deploy/specs",
            "deploy\\specs, deploy/specs",
    })
    void theSpecPathIsNormalised(String given, String expected) {
        assertEquals(expected, new GitRemote("https://h/r.git", "main", given, GitCredentials.none()).path());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside", "deploy/../../x", "deploy//specs", "deploy/./specs"})
    void aSpecPathMustStayInsideTheRepository(String path) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GitRemote("https://h/r.git", "main", path, GitCredentials.none()));
        assertTrue(e.getMessage().contains("inside the repository"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a..b", "main ", "-x/..", "feature/x.lock"})
    void invalidBranchNamesAreRefused(String branch) {
        assertThrows(IllegalArgumentException.class, () -> new GitRemote("https://h/r.git", branch));
    }

    @Test
    void credentialsMustFitTheUrl() {
        SecretSource token = SecretSource.environmentVariable("T");
        assertThrows(IllegalArgumentException.class, () -> new GitRemote("git@github.com:acme/deploy.git", "main", "", GitCredentials.token(token)));
        assertThrows(IllegalArgumentException.class,
                () -> new GitRemote("https://github.com/acme/deploy.git", "main", "", GitCredentials.sshKey(Path.of("k"), Path.of("kh"))));
        new GitRemote("git@github.com:acme/deploy.git", "main", "", GitCredentials.sshKey(Path.of("k"), Path.of("kh")));
        new GitRemote("ssh://git@github.com/acme/deploy.git", "main", "", GitCredentials.sshKey(Path.of("k"), Path.of("kh")));
        new GitRemote("https://github.com/acme/deploy.git", "main", "", GitCredentials.token(token));
    }

    @Test
    void theDisplayUrlKeepsTheUserName() {
        assertEquals("ssh://git@github.com/acme/deploy.git", new GitRemote("ssh://git@github.com/acme/deploy.git", "main").displayUrl());
        assertEquals("refs/heads/release/1.x", new GitRemote("https://h/r.git", "release/1.x").branchRef());
    }

    @Test
    void secretSourcesNameTheirLocationNeverAValue() {
        assertEquals("environment variable TURNOUT_GIT_TOKEN", SecretSource.environmentVariable("TURNOUT_GIT_TOKEN").toString());
        assertEquals("secret file /run/secrets/git-token", SecretSource.file(Path.of("/run/secrets/git-token")).toString());
    }

    @Test
    void repositoryNamesMatchTheCloneUrlTheWebUrlAndOwnerName() {
        String url = "https://github.com/Shop/specs.git";
        assertTrue(GitRemote.matches(url, "https://github.com/shop/specs"));
        assertTrue(GitRemote.matches(url, "git@github.com:shop/specs.git"));
        assertTrue(GitRemote.matches(url, "shop/specs"));
        assertTrue(GitRemote.matches(url, "https://github.com/Shop/specs.git"));
        assertFalse(GitRemote.matches(url, "shop/other"));
        assertFalse(GitRemote.matches(url, "https://gitlab.com/shop/specs"));
        assertFalse(GitRemote.matches(url, "pecs"));
        assertFalse(GitRemote.matches(url, ""));
    }
}
