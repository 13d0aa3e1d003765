package io.turnout.agent.runtime;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.turnout.source.GitCredentials;
import io.turnout.source.GitRemote;
import io.turnout.source.SecretSource;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code turnout.agent.repositories.<name>.*}: one spec repository. Environment variables follow
 * the same path, e.g. {@code TURNOUT_AGENT_REPOSITORIES_SHOP_URL}. Credentials are never values in
 * the configuration: they name an environment variable or a file that holds the secret.
 */
@EachProperty("turnout.agent.repositories")
public class RepositoryConfiguration {
    private final String name;
    private String url;
    private String branch = "main";
    private String path = "";
    private Credentials credentials = new Credentials();

    public RepositoryConfiguration(@Parameter String name) {
        this.name = name;
    }

    /** The key under {@code repositories}: names the repository's jobs and metrics. */
    public String getName() {
        return name;
    }

    /** {@code https://…}, {@code git@host:org/repo.git}, {@code ssh://…}, {@code git://…}, {@code file://…} or a path. Required. */
    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    /** The tracked branch. Default {@code main}. */
    public String getBranch() {
        return branch;
    }

    public void setBranch(String branch) {
        this.branch = branch;
    }

    /** The folder inside the repository that holds the specs. Default: the root. */
    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public Credentials getCredentials() {
        return credentials;
    }

    public void setCredentials(Credentials credentials) {
        this.credentials = credentials;
    }

    /** The remote this configuration describes; an {@link IllegalArgumentException} saying what to fix otherwise. */
    public GitRemote toRemote() {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("turnout.agent.repositories." + name + ".url is not set: give the spec repository's URL");
        }
        return new GitRemote(url, branch, path, credentials.toGitCredentials(name));
    }

    /**
     * {@code credentials.*}: one of a token ({@code token-env} or {@code token-file}, sent as the
     * HTTPS password with {@code username}, default {@code x-access-token}), a user and password
     * ({@code username} + {@code password-env}/{@code password-file}), or an SSH key
     * ({@code ssh-key} + {@code known-hosts}, optional {@code passphrase-env}/{@code passphrase-file},
     * {@code accept-new-host-keys}).
     */
    @ConfigurationProperties("credentials")
    public static class Credentials {
        private String username;
        private String tokenEnv;
        private Path tokenFile;
        private String passwordEnv;
        private Path passwordFile;
        private Path sshKey;
        private Path knownHosts;
        private String passphraseEnv;
        private Path passphraseFile;
        private boolean acceptNewHostKeys;

        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getTokenEnv() { return tokenEnv; }
        public void setTokenEnv(String tokenEnv) { this.tokenEnv = tokenEnv; }
        public Path getTokenFile() { return tokenFile; }
        public void setTokenFile(Path tokenFile) { this.tokenFile = tokenFile; }
        public String getPasswordEnv() { return passwordEnv; }
        public void setPasswordEnv(String passwordEnv) { this.passwordEnv = passwordEnv; }
        public Path getPasswordFile() { return passwordFile; }
        public void setPasswordFile(Path passwordFile) { this.passwordFile = passwordFile; }
        public Path getSshKey() { return sshKey; }
        public void setSshKey(Path sshKey) { this.sshKey = sshKey; }
        public Path getKnownHosts() { return knownHosts; }
        public void setKnownHosts(Path knownHosts) { this.knownHosts = knownHosts; }
        public String getPassphraseEnv() { return passphraseEnv; }
        public void setPassphraseEnv(String passphraseEnv) { this.passphraseEnv = passphraseEnv; }
        public Path getPassphraseFile() { return passphraseFile; }
        public void setPassphraseFile(Path passphraseFile) { this.passphraseFile = passphraseFile; }
        public boolean isAcceptNewHostKeys() { return acceptNewHostKeys; }
        public void setAcceptNewHostKeys(boolean acceptNewHostKeys) { this.acceptNewHostKeys = acceptNewHostKeys; }

        GitCredentials toGitCredentials(String repository) {
            String where = "turnout.agent.repositories." + repository + ".credentials";
            Optional<SecretSource> token = secret(tokenEnv, tokenFile, where + ".token-env/token-file");
            Optional<SecretSource> password = secret(passwordEnv, passwordFile, where + ".password-env/password-file");
            int kinds = (token.isPresent() ? 1 : 0) + (password.isPresent() ? 1 : 0) + (sshKey != null ? 1 : 0);
            if (kinds > 1) {
                throw new IllegalArgumentException(where + " gives more than one kind of credential: use a token, a password or an SSH key");
            }
            if (token.isPresent()) return username == null ? GitCredentials.token(token.get()) : GitCredentials.basic(username, token.get());
            if (password.isPresent()) {
                if (username == null) throw new IllegalArgumentException(where + ".username is needed with a password");
                return GitCredentials.basic(username, password.get());
            }
            if (sshKey != null) {
                if (knownHosts == null) {
                    throw new IllegalArgumentException(where + ".known-hosts is needed with an SSH key: a file with the server's host key (ssh-keyscan host)");
                }
                return new GitCredentials.Ssh(sshKey, knownHosts, secret(passphraseEnv, passphraseFile, where + ".passphrase-env/passphrase-file"),
                        acceptNewHostKeys ? GitCredentials.HostKeyChecking.ACCEPT_NEW : GitCredentials.HostKeyChecking.STRICT);
            }
            return GitCredentials.none();
        }

        private static Optional<SecretSource> secret(String env, Path file, String names) {
            if (env != null && !env.isBlank() && file != null) throw new IllegalArgumentException(names + ": give the environment variable or the file, not both");
            if (env != null && !env.isBlank()) return Optional.of(SecretSource.environmentVariable(env));
            return Optional.ofNullable(file).map(SecretSource::file);
        }
    }
}
