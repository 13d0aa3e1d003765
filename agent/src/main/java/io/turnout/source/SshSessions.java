package io.turnout.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.transport.SshConfigStore;
import org.eclipse.jgit.transport.SshConstants;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.sshd.KeyPasswordProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Builds the SSH client (JGit's Apache MINA sshd transport) for one spec repository, hermetic:
 * the user's {@code ~/.ssh} (config, keys, known_hosts) and any ssh-agent are ignored; only the
 * configured key file and known_hosts file are used, through an in-memory OpenSSH configuration
 * ({@link #options}) that applies to every host. Host keys are checked by JGit's own OpenSSH
 * known_hosts database (hashed entries, {@code @revoked} markers), strictly unless
 * {@link GitCredentials.HostKeyChecking#ACCEPT_NEW} is chosen.
 */
final class SshSessions {
    private SshSessions() {
    }

    /**
     * @param sshHome a private folder used as JGit's "home" and "~/.ssh", so that nothing of the
     *                agent user's own SSH set-up leaks in
     */
    static SshdSessionFactory factory(GitCredentials.Ssh ssh, Path sshHome, Map<String, String> environment) throws GitSourceException {
        if (!Files.isReadable(ssh.privateKey())) {
            throw new GitSourceException(GitSourceException.Reason.CONFIGURATION,
                    "the SSH private key file " + ssh.privateKey() + " cannot be read: mount the deploy key there or change the path");
        }
        if (!Files.isReadable(ssh.knownHosts())) {
            throw new GitSourceException(GitSourceException.Reason.CONFIGURATION,
                    "the known_hosts file " + ssh.knownHosts() + " cannot be read: create it, e.g. with ssh-keyscan <host> > known_hosts, and check the key fingerprints");
        }
        try {
            Files.createDirectories(sshHome);
        } catch (IOException e) {
            throw new GitSourceException(GitSourceException.Reason.LOCAL, "cannot create " + sshHome + ": " + e.getMessage());
        }
        Optional<char[]> passphrase = ssh.passphrase().isEmpty() ? Optional.empty()
                : Optional.of(ssh.passphrase().get().reveal(environment).toCharArray());
        SshConfigStore.HostConfig config = new FixedHostConfig(options(ssh));
        return new SshdSessionFactoryBuilder()
                .setHomeDirectory(sshHome.toFile())
                .setSshDirectory(sshHome.toFile())
                .setConfigStoreFactory((home, file, localUser) -> new SshConfigStore() {
                    @Override
                    public HostConfig lookup(String hostName, int port, String userName) {
                        return config;
                    }

                    @Override
                    public HostConfig lookupDefault(String hostName, int port, String userName) {
                        return config;
                    }
                })
                .setDefaultKnownHostsFiles(home -> List.of(ssh.knownHosts()))
                .setDefaultIdentities(home -> List.of(ssh.privateKey()))
                .setPreferredAuthentications("publickey")
                .setKeyPasswordProvider(provider -> new FixedPassphrase(passphrase))
                .build(null); // no key cache: a rotated deploy key is picked up on the next connection
    }

    /** The OpenSSH options every host gets. */
    static Map<String, List<String>> options(GitCredentials.Ssh ssh) {
        String knownHosts = ssh.knownHosts().toAbsolutePath().toString();
        return Map.of(
                SshConstants.STRICT_HOST_KEY_CHECKING, List.of(ssh.hostKeyChecking() == GitCredentials.HostKeyChecking.STRICT ? "yes" : "accept-new"),
                SshConstants.USER_KNOWN_HOSTS_FILE, List.of(knownHosts),
                SshConstants.GLOBAL_KNOWN_HOSTS_FILE, List.of(knownHosts),
                SshConstants.IDENTITY_FILE, List.of(ssh.privateKey().toAbsolutePath().toString()),
                SshConstants.IDENTITIES_ONLY, List.of("yes"),
                SshConstants.IDENTITY_AGENT, List.of("none"),
                SshConstants.BATCH_MODE, List.of("yes"),
                SshConstants.PREFERRED_AUTHENTICATIONS, List.of("publickey"));
    }

    /** One configuration for every host (OpenSSH's {@code Host *}). */
    private record FixedHostConfig(Map<String, List<String>> values) implements SshConfigStore.HostConfig {
        @Override
        public String getValue(String key) {
            List<String> v = getValues(key);
            return v.isEmpty() ? null : v.getFirst();
        }

        @Override
        public List<String> getValues(String key) {
            return values.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(key)).map(Map.Entry::getValue).findFirst().orElse(List.of());
        }

        @Override
        public Map<String, String> getOptions() {
            return Map.of(
                    SshConstants.STRICT_HOST_KEY_CHECKING, getValue(SshConstants.STRICT_HOST_KEY_CHECKING),
                    SshConstants.IDENTITIES_ONLY, "yes",
                    SshConstants.IDENTITY_AGENT, "none",
                    SshConstants.BATCH_MODE, "yes",
                    SshConstants.PREFERRED_AUTHENTICATIONS, "publickey");
        }

        @Override
        public Map<String, List<String>> getMultiValuedOptions() {
            return Map.of(
                    SshConstants.USER_KNOWN_HOSTS_FILE, getValues(SshConstants.USER_KNOWN_HOSTS_FILE),
                    SshConstants.GLOBAL_KNOWN_HOSTS_FILE, getValues(SshConstants.GLOBAL_KNOWN_HOSTS_FILE),
                    SshConstants.IDENTITY_FILE, getValues(SshConstants.IDENTITY_FILE));
        }
    }

    /** The key passphrase from its secret source; no prompting, one attempt. */
    private static final class FixedPassphrase implements KeyPasswordProvider {
        private final Optional<char[]> passphrase;

        FixedPassphrase(Optional<char[]> passphrase) {
            this.passphrase = passphrase;
        }

        @Override
        public char[] getPassphrase(URIish uri, int attempt) {
            return passphrase.map(char[]::clone).orElse(null);
        }

        @Override
        public void setAttempts(int maxNumberOfAttempts) {
        }

        @Override
        public int getAttempts() {
            return 1;
        }

        @Override
        public boolean keyLoaded(URIish uri, int attempt, Exception error) {
            return false; // never retry: a wrong passphrase will not get better
        }
    }
}
