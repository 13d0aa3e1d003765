package io.turnout.source;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.EmptyProgressMonitor;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.util.SystemReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistent local clone of one spec repository — a bare repository (no work tree: specs
 * are read from commit trees) under {@code <dataDir>/repos/<name derived from the URL>} — and the
 * three conversations with its remote: ls-remote, fetch and push. Every failure comes out as a
 * {@link GitSourceException} whose message names the remote and contains no secret.
 *
 * <p>Credentials are read from their {@link SecretSource}s on every connection, so a rotated
 * token or key is used without a restart. Thread-safe: operations are serialised.
 */
public final class GitConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GitConnection.class);
    private final GitRemote remote;
    private final Path cloneDir;
    private final Repository repository;
    private final Map<String, String> environment;
    private final SshdSessionFactory ssh;
    private final AtomicLong lsRemotes = new AtomicLong();
    private final AtomicLong fetches = new AtomicLong();
    private final AtomicLong objectsFetched = new AtomicLong();
    private final AtomicLong specParses = new AtomicLong();
    private final AtomicLong pushes = new AtomicLong();

    private GitConnection(GitRemote remote, Path cloneDir, Repository repository, Map<String, String> environment, SshdSessionFactory ssh) {
        this.remote = remote;
        this.cloneDir = cloneDir;
        this.repository = repository;
        this.environment = Map.copyOf(environment);
        this.ssh = ssh;
    }

    /**
     * What JGit does once per process before its first clone or fetch: finding and reading git's
     * configuration files. Where git is installed JGit runs {@code git config --system} to learn
     * where the system-wide file is (a tenth of a second, three on a busy machine), and the first
     * fetch waits for it; the agent does this on a thread of its own as it starts, so that the wait
     * overlaps the rest of the start. Nothing is reported here: the first fetch reads the files
     * again if this failed, and says what is wrong.
     */
    public static void readGitConfiguration() {
        try {
            SystemReader reader = SystemReader.getInstance();
            reader.getSystemConfig();
            reader.getUserConfig();
        } catch (IOException | ConfigInvalidException | RuntimeException e) {
            // read again, and reported, by the first fetch
        }
    }

    /** Opens the clone of {@code remote} under {@code dataDir}, creating an empty one the first time. */
    public static GitConnection open(GitRemote remote, Path dataDir, Map<String, String> environment) throws GitSourceException {
        Path cloneDir = dataDir.toAbsolutePath().resolve("repos").resolve(CloneFolder.nameFor(remote.url()));
        Repository repository;
        try {
            boolean fresh = !Files.isDirectory(cloneDir.resolve("objects"));
            Files.createDirectories(cloneDir);
            repository = new FileRepositoryBuilder().setGitDir(cloneDir.toFile()).setBare().build();
            if (fresh) repository.create(true);
            // Housekeeping runs in the polling thread after a fetch (see maintain()), not in a
            // detached background thread that could outlive close() or race the next fetch.
            repository.getConfig().setBoolean(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTODETACH, false);
            repository.getConfig().save();
        } catch (IOException | IllegalStateException e) {
            throw new GitSourceException(GitSourceException.Reason.LOCAL, "cannot create or open the local clone " + cloneDir
                    + " of " + remote.displayUrl() + ": " + e.getMessage() + ". Check that the data directory is writable, or delete the folder to clone afresh");
        }
        SshdSessionFactory ssh = null;
        if (remote.credentials() instanceof GitCredentials.Ssh key) {
            ssh = SshSessions.factory(key, cloneDir.resolveSibling(cloneDir.getFileName() + ".ssh"), environment);
        }
        return new GitConnection(remote, cloneDir, repository, environment, ssh);
    }

    public GitRemote remote() {
        return remote;
    }

    public Path cloneDir() {
        return cloneDir;
    }

    /** The local bare repository (objects, fetched refs, Turnout's tags). */
    public Repository repository() {
        return repository;
    }

    public SourceStats stats() {
        return new SourceStats(lsRemotes.get(), fetches.get(), objectsFetched.get(), specParses.get(), pushes.get());
    }

    void countSpecParse() {
        specParses.incrementAndGet();
    }

    /**
     * The remote's refs under {@code prefix} (e.g. {@code refs/heads/main} or
     * {@code refs/tags/turnout/}): one round trip, no objects transferred.
     */
    public synchronized Map<String, ObjectId> lsRemote(String prefix) throws GitSourceException {
        lsRemotes.incrementAndGet();
        try (Git git = Git.wrap(repository)) {
            var command = git.lsRemote().setRemote(remote.url()).setHeads(prefix.startsWith("refs/heads/")).setTags(prefix.startsWith("refs/tags/"));
            Collection<Ref> refs = configure(command).call();
            Map<String, ObjectId> result = new LinkedHashMap<>();
            for (Ref ref : refs) {
                if (ref.getName().startsWith(prefix) && ref.getObjectId() != null) result.put(ref.getName(), ref.getObjectId());
            }
            return result;
        } catch (GitSourceException e) {
            throw e; // already says what is wrong (a credential that cannot be read): not a transport failure
        } catch (GitAPIException | RuntimeException e) {
            throw GitFailures.describe("ask " + remote.displayUrl() + " for its refs (ls-remote)", remote, e, revealedSecrets());
        }
    }

    /** Fetches {@code refSpecs} (full history: ancestry checks need it), no automatic tags. */
    public synchronized void fetch(List<RefSpec> refSpecs) throws GitSourceException {
        fetches.incrementAndGet();
        try (Git git = Git.wrap(repository)) {
            configure(git.fetch().setRemote(remote.url()).setRefSpecs(refSpecs).setTagOpt(TagOpt.NO_TAGS)
                    .setProgressMonitor(new ObjectCounter(objectsFetched))).call();
        } catch (GitSourceException e) {
            throw e; // already says what is wrong (a credential that cannot be read): not a transport failure
        } catch (GitAPIException | RuntimeException e) {
            throw GitFailures.describe("fetch from " + remote.displayUrl(), remote, e, revealedSecrets());
        }
        maintain();
    }

    /**
     * {@code git gc --auto} after a fetch: JGit's fetch does not do it, and every fetch leaves a
     * pack, so a clone polled for months would slow down. Cheap when under the thresholds
     * ({@code gc.auto}, {@code gc.autopacklimit} in the clone's config). JGit's defaults stay:
     * replaced packs are deleted by a later run once an hour old (a reader may still use them),
     * unreachable objects (a commit force-pushed away) after two weeks. A failure here is only
     * logged: the specs are fetched already, and the next fetch tries again.
     */
    private void maintain() {
        try {
            repository.autoGC(NullProgressMonitor.INSTANCE);
        } catch (RuntimeException e) {
            LOG.warn("Housekeeping (gc --auto) of the local clone {} failed; the next fetch tries again: {}", cloneDir, e.getMessage());
        }
    }

    /** Pack files in the clone (for tests and metrics). */
    int packCount() {
        File[] packs = cloneDir.resolve("objects").resolve("pack").toFile().listFiles((d, n) -> n.endsWith(".pack"));
        return packs == null ? 0 : packs.length;
    }

    /**
     * Pushes {@code refSpecs}; returns the remote's verdict per local ref name. A connection
     * failure throws; a ref the remote rejects is reported in the map, not thrown.
     */
    public synchronized Map<String, RemoteRefUpdate> push(List<RefSpec> refSpecs) throws GitSourceException {
        pushes.incrementAndGet();
        try (Git git = Git.wrap(repository)) {
            Iterable<PushResult> results = configure(git.push().setRemote(remote.url()).setRefSpecs(refSpecs).setAtomic(false)).call();
            Map<String, RemoteRefUpdate> updates = new LinkedHashMap<>();
            for (PushResult result : results) {
                for (RemoteRefUpdate update : result.getRemoteUpdates()) updates.put(update.getSrcRef(), update);
            }
            return updates;
        } catch (GitSourceException e) {
            throw e; // already says what is wrong (a credential that cannot be read): not a transport failure
        } catch (GitAPIException | RuntimeException e) {
            throw GitFailures.describe("push to " + remote.displayUrl(), remote, e, revealedSecrets());
        }
    }

    private <C extends TransportCommand<C, ?>> C configure(C command) throws GitSourceException {
        switch (remote.credentials()) {
            case GitCredentials.Https https -> command.setCredentialsProvider(
                    new UsernamePasswordCredentialsProvider(https.username(), https.secret().reveal(environment)));
            case GitCredentials.Ssh key -> command.setTransportConfigCallback(transport -> {
                if (transport instanceof SshTransport sshTransport) sshTransport.setSshSessionFactory(ssh);
            });
            case GitCredentials.None none -> { }
        }
        return command;
    }

    /** The secret values in play, only to scrub them out of error messages. */
    private List<String> revealedSecrets() {
        List<String> secrets = new ArrayList<>();
        try {
            switch (remote.credentials()) {
                case GitCredentials.Https https -> secrets.add(https.secret().reveal(environment));
                case GitCredentials.Ssh key when key.passphrase().isPresent() -> secrets.add(key.passphrase().get().reveal(environment));
                default -> { }
            }
        } catch (GitSourceException unreadable) {
            // nothing revealed, nothing to scrub
        }
        return secrets;
    }

    @Override
    public void close() {
        repository.close();
        if (ssh != null) ssh.close();
    }

    /** Counts the objects announced by each received pack ("Receiving objects: n"). */
    private static final class ObjectCounter extends EmptyProgressMonitor {
        private final AtomicLong objects;

        ObjectCounter(AtomicLong objects) {
            this.objects = objects;
        }

        @Override
        public void beginTask(String title, int totalWork) {
            // JGit ships its messages in English only; the pack parser announces the object count here.
            if (title.startsWith("Receiving objects") && totalWork > 0) objects.addAndGet(totalWork);
        }
    }
}
