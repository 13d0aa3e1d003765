package io.turnout.source;

import io.turnout.spec.load.LoadResult;
import io.turnout.spec.load.SpecLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.RefSpec;

/**
 * The specs of one branch of one Git repository, polled.
 *
 * <p>A poll costs one ls-remote round trip when nothing changed: the remote's branch head is
 * compared with the last seen commit, and only when it moved is the branch fetched (into the
 * persistent local clone, so a fetch transfers only the new objects) and the specs at the new
 * head loaded from its tree. The last seen head is the clone's tracking ref
 * ({@code refs/remotes/origin/<branch>}), so it survives a restart; the first poll after a start
 * still loads the specs, because the agent has none in memory.
 *
 * <p>Thread-safe: polls are serialised, and the {@link io.turnout.source.mark.CommitMarker}
 * sharing the clone only writes tags under {@code refs/tags/turnout/}, which a poll never reads.
 */
public final class GitSpecSource implements AutoCloseable {
    private final GitConnection connection;
    private final SpecLoader loader;
    private boolean polledSinceStart;
    /** What {@link #prefetch()} did ahead of the first poll, until that poll takes it; null otherwise. */
    private Prefetched prefetched;

    private record Prefetched(Optional<ObjectId> previous, ObjectId head, LoadResult specs) {
    }

    public GitSpecSource(GitConnection connection, SpecLoader loader) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    /** Opens (or creates) the clone of {@code remote} under {@code dataDir}; secrets come from {@code environment}. */
    public static GitSpecSource open(GitRemote remote, Path dataDir, Map<String, String> environment, SpecLoader loader) throws GitSourceException {
        return new GitSpecSource(GitConnection.open(remote, dataDir, environment), loader);
    }

    /** Opens the clone with the process environment and the default spec limits. */
    public static GitSpecSource open(GitRemote remote, Path dataDir) throws GitSourceException {
        return open(remote, dataDir, System.getenv(), new SpecLoader());
    }

    public GitConnection connection() {
        return connection;
    }

    public GitRemote remote() {
        return connection.remote();
    }

    public SourceStats stats() {
        return connection.stats();
    }

    /** The ref in the clone that holds the last seen head of the branch. */
    public String trackingRef() {
        return "refs/remotes/origin/" + remote().branch();
    }

    /** The last seen head (from the last fetch, also of an earlier run), if any. */
    public Optional<String> lastSeenHead() throws GitSourceException {
        return lastSeen().map(ObjectId::name);
    }

    /**
     * Asks the remote for the branch head; fetches and loads the specs only when it moved (or on
     * the first poll since start).
     */
    public synchronized PollResult poll() throws GitSourceException {
        Prefetched ahead = prefetched;
        prefetched = null;
        Optional<ObjectId> tracked = lastSeen();
        // what the clone had before this poll, or before the prefetch that did this poll's fetch
        Optional<ObjectId> previous = ahead != null ? ahead.previous() : tracked;
        boolean first = !polledSinceStart;
        ObjectId head = fetchHead(tracked);
        HistoryMove move = classify(previous, head);
        polledSinceStart = true;
        Optional<LoadResult> specs = Optional.empty();
        if (first || move != HistoryMove.SAME) {
            specs = Optional.of(ahead != null && ahead.head().equals(head) ? ahead.specs() : load(head));
        }
        return new PollResult(head.name(), previous.map(ObjectId::name), move, specs);
    }

    /**
     * Does the slow part of the first poll ahead of it, on another thread while the agent starts:
     * asks for the branch head, fetches it and loads its specs. The first poll then makes only its
     * ls-remote (and fetches and loads again only if the branch moved in between); it reports what
     * it would have without this (the head the clone had before, the same specs). Does nothing once
     * the source has been polled. Errors are not reported here: the first poll makes the same calls
     * and reports them.
     */
    public synchronized void prefetch() {
        if (polledSinceStart || prefetched != null) return;
        try {
            Optional<ObjectId> previous = lastSeen();
            ObjectId head = fetchHead(previous);
            prefetched = new Prefetched(previous, head, load(head));
        } catch (RuntimeException e) {
            // a GitSourceException or anything else: the first poll makes these calls again and reports what fails
        }
    }

    /**
     * How the branch got from {@code applied} (the commit live in an environment, from
     * {@code CommitMarker.liveCommit}; empty when never deployed) to {@code head}: what
     * {@link RewindPolicy} judges.
     */
    public HistoryMove historyMove(Optional<String> applied, String head) throws GitSourceException {
        return classify(applied.map(ObjectId::fromString), ObjectId.fromString(head));
    }

    /** The spec files at {@code commit} (which must be in the clone), read from its tree. */
    public GitTreeSpecFiles filesAt(String commit) {
        return filesAt(ObjectId.fromString(commit));
    }

    /** Loads the specs at {@code commit}; counted in {@link SourceStats#specParses()}. */
    public synchronized LoadResult specsAt(String commit) {
        return load(ObjectId.fromString(commit));
    }

    private LoadResult load(ObjectId commit) {
        connection.countSpecParse();
        return loader.load(filesAt(commit));
    }

    private GitTreeSpecFiles filesAt(ObjectId commit) {
        String where = remote().displayUrl() + "@" + commit.abbreviate(12).name() + (remote().path().isEmpty() ? "" : ":" + remote().path());
        return new GitTreeSpecFiles(connection.repository(), commit, remote().path(), where);
    }

    private record RemoteHead(ObjectId id) {
    }

    private RemoteHead remoteHead() throws GitSourceException {
        Map<String, ObjectId> refs = connection.lsRemote(remote().branchRef());
        ObjectId id = refs.get(remote().branchRef());
        if (id == null) {
            throw new GitSourceException(GitSourceException.Reason.NOT_FOUND, "branch '" + remote().branch() + "' does not exist on "
                    + remote().displayUrl() + ": check the configured branch, or push it");
        }
        return new RemoteHead(id);
    }

    /**
     * Asks the remote for the branch head (one ls-remote) and fetches the branch only when the clone,
     * which tracks {@code tracked}, does not have that head yet; the head the clone then tracks.
     */
    private ObjectId fetchHead(Optional<ObjectId> tracked) throws GitSourceException {
        RemoteHead remoteHead = remoteHead();
        if (tracked.isEmpty() || !tracked.get().equals(remoteHead.id()) || !hasObject(remoteHead.id())) {
            fetchBranch();
        }
        // The fetched ref is the truth: someone may have pushed between ls-remote and fetch.
        return lastSeen().orElseThrow(() -> new GitSourceException(GitSourceException.Reason.NOT_FOUND,
                "branch '" + remote().branch() + "' was not fetched from " + remote().displayUrl() + ": check that it exists"));
    }

    private void fetchBranch() throws GitSourceException {
        // '+': the branch may have been force-pushed; the tracking ref follows it (rewinds are
        // detected against the previous value, and judged by RewindPolicy, not refused here).
        connection.fetch(List.of(new RefSpec("+" + remote().branchRef() + ":" + trackingRef())));
    }

    private Optional<ObjectId> lastSeen() throws GitSourceException {
        try {
            Ref ref = connection.repository().exactRef(trackingRef());
            return ref == null || ref.getObjectId() == null ? Optional.empty() : Optional.of(ref.getObjectId());
        } catch (IOException e) {
            throw local("read " + trackingRef(), e);
        }
    }

    private boolean hasObject(ObjectId id) throws GitSourceException {
        try {
            return connection.repository().getObjectDatabase().has(id);
        } catch (IOException e) {
            throw local("read the object database", e);
        }
    }

    private HistoryMove classify(Optional<ObjectId> previous, ObjectId head) throws GitSourceException {
        try {
            return CommitHistory.classify(connection.repository(), previous, head);
        } catch (IOException e) {
            throw local("walk the history", e);
        }
    }

    private GitSourceException local(String action, IOException e) {
        return new GitSourceException(GitSourceException.Reason.LOCAL, "cannot " + action + " in the local clone " + connection.cloneDir()
                + ": " + e.getMessage() + ". If the clone is damaged, delete that folder: the next poll clones afresh");
    }

    @Override
    public void close() {
        connection.close();
    }
}
