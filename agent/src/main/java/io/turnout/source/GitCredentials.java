package io.turnout.source;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** How Turnout authenticates to the spec repository. Secrets are {@link SecretSource}s, never values. */
public sealed interface GitCredentials {

    /** No credentials: {@code file://}, plain paths, {@code git://}, public HTTPS. */
    record None() implements GitCredentials {}

    /**
     * HTTP(S) basic authentication: a user name and a password or access token. Git hosts take a
     * token as the password: GitHub with any user name ({@code x-access-token} by convention),
     * GitLab with {@code oauth2}, Bitbucket with {@code x-token-auth}.
     */
    record Https(String username, SecretSource secret) implements GitCredentials {
        public Https {
            if (username == null || username.isBlank()) throw new IllegalArgumentException("HTTPS credentials need a user name (for a token: x-access-token, oauth2 …)");
            Objects.requireNonNull(secret, "secret");
        }
    }

    /**
     * SSH public key authentication. The server's host key must be listed in {@code knownHosts}
     * (OpenSSH format, e.g. from {@code ssh-keyscan}); with {@link HostKeyChecking#STRICT}, the
     * default, an unknown host is refused rather than trusted on first use.
     */
    record Ssh(Path privateKey, Path knownHosts, Optional<SecretSource> passphrase, HostKeyChecking hostKeyChecking)
            implements GitCredentials {
        public Ssh {
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(knownHosts, "knownHosts");
            Objects.requireNonNull(passphrase, "passphrase");
            Objects.requireNonNull(hostKeyChecking, "hostKeyChecking");
        }
    }

    /** What to do with a server host key that is not in the known_hosts file. */
    enum HostKeyChecking {
        /** Refuse (OpenSSH {@code StrictHostKeyChecking yes}). A changed key is always refused. */
        STRICT,
        /** Trust a host seen for the first time and add it to known_hosts ({@code accept-new}). */
        ACCEPT_NEW
    }

    static GitCredentials none() {
        return new None();
    }

    /** An access token sent as the HTTPS password with GitHub's conventional user name. */
    static GitCredentials token(SecretSource token) {
        return new Https("x-access-token", token);
    }

    static GitCredentials basic(String username, SecretSource password) {
        return new Https(username, password);
    }

    static GitCredentials sshKey(Path privateKey, Path knownHosts) {
        return new Ssh(privateKey, knownHosts, Optional.empty(), HostKeyChecking.STRICT);
    }
}
