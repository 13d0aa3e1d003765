package io.turnout.reconcile;

import io.turnout.source.GitSourceException;
import io.turnout.source.GitSpecSource;
import io.turnout.source.HistoryMove;
import io.turnout.source.PollResult;
import io.turnout.source.SourceStats;
import io.turnout.source.mark.CommitMarker;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.load.LoadResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * One spec repository as all its environments share it: one clone, one poll at a time, and the
 * specs of the branch head kept in memory. {@link GitSpecSource#poll()} loads specs only when the
 * head moved; the environment polled second must still see them, so the last loaded specs are
 * kept here with their commit and handed to every environment until the head moves again.
 */
public final class SpecRepository implements AutoCloseable {
    /** At most this many commits are listed as superseded in one go (a long-paused agent). */
    static final int MAX_LISTED_COMMITS = 200;

    private final String id;
    private final GitSpecSource source;
    private final CommitMarker marker;
    private Snapshot latest;

    /**
     * @param id     the configured name of the repository (used in job names and metrics)
     * @param source the polled branch
     * @param marker the committed-state tags, on the same clone
     */
    public SpecRepository(String id, GitSpecSource source, CommitMarker marker) {
        this.id = Objects.requireNonNull(id, "id");
        this.source = Objects.requireNonNull(source, "source");
        this.marker = Objects.requireNonNull(marker, "marker");
    }

    /** The specs at one commit: a valid tree or the problems. */
    public record Snapshot(String head, LoadResult specs) {
        /** The environments the specs define (sorted); empty when they are invalid. */
        public SortedSet<String> environments() {
            SortedSet<String> names = new TreeSet<>();
            specs.tree().ifPresent(t -> t.environments().stream().map(EnvironmentSpec::name).forEach(names::add));
            return names;
        }
    }

    /** A commit with the first line of its message. */
    public record CommitInfo(String id, String subject) {
    }

    public String id() {
        return id;
    }

    public GitSpecSource source() {
        return source;
    }

    public CommitMarker marker() {
        return marker;
    }

    public String displayUrl() {
        return source.remote().displayUrl();
    }

    public String branch() {
        return source.remote().branch();
    }

    public SourceStats stats() {
        return source.stats();
    }

    /** Polls the branch (one ls-remote; fetch and parse only when the head moved) and returns the specs at the head. */
    public synchronized Snapshot poll() throws GitSourceException {
        PollResult result = source.poll();
        if (result.specs().isPresent()) {
            latest = new Snapshot(result.head(), result.specs().get());
        } else if (latest == null || !latest.head().equals(result.head())) {
            // not reached with GitSpecSource (it loads on the first poll and on every move); kept for safety
            latest = new Snapshot(result.head(), source.specsAt(result.head()));
        }
        return latest;
    }

    /** The specs of the last poll, if there was one. */
    public synchronized Optional<Snapshot> latest() {
        return Optional.ofNullable(latest);
    }

    /** Where the branch went from {@code applied} to {@code head}: what {@link io.turnout.source.RewindPolicy} judges. */
    public HistoryMove historyMove(Optional<String> applied, String head) throws GitSourceException {
        return source.historyMove(applied, head);
    }

    /** The remote's {@code turnout/<env>/live} tag (fetched now): the truth across replicas and restarts. */
    public Optional<String> fetchLiveCommit(String environment) throws GitSourceException {
        return marker.fetchLiveCommit(environment);
    }

    /**
     * The commits reachable from {@code head} but not from {@code since}, oldest first, without
     * {@code head} itself. Empty when {@code since} is empty or not an ancestor (a rewind: nothing
     * in between to supersede).
     */
    public List<CommitInfo> commitsBetween(Optional<String> since, String head) throws GitSourceException {
        if (since.isEmpty() || since.get().equals(head)) return List.of();
        try (RevWalk walk = new RevWalk(source.connection().repository())) {
            RevCommit top = walk.parseCommit(ObjectId.fromString(head));
            RevCommit base;
            try {
                base = walk.parseCommit(ObjectId.fromString(since.get()));
            } catch (MissingObjectException gone) {
                return List.of();
            }
            if (!walk.isMergedInto(base, top)) return List.of();
            walk.reset();
            walk.markStart(top);
            walk.markUninteresting(base);
            List<CommitInfo> commits = new ArrayList<>();
            for (RevCommit c : walk) {
                if (!c.equals(top)) commits.add(new CommitInfo(c.name(), c.getShortMessage()));
                if (commits.size() >= MAX_LISTED_COMMITS) break;
            }
            return commits.reversed();
        } catch (IOException e) {
            throw new GitSourceException(GitSourceException.Reason.LOCAL, "cannot walk the history of " + displayUrl()
                    + " in the local clone: " + e.getMessage());
        }
    }

    /**
     * Keeps a {@code turnout/<env>/live} tag that is still waiting to be pushed from moving the
     * remote's back. The push is forced (the tag moves), so a tag left pending by a failed push
     * would, once pushed, undo a later deployment another replica marked meanwhile. When the
     * remote's live commit descends from the local one, the local tag takes the remote's value
     * and the push becomes a no-op. One ls-remote; called only while tags are pending.
     */
    public void adoptNewerRemoteLiveTag(String environment) throws GitSourceException {
        String ref = org.eclipse.jgit.lib.Constants.R_TAGS + CommitMarker.liveTag(environment);
        org.eclipse.jgit.lib.Repository repository = source.connection().repository();
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectId theirs = source.connection().lsRemote(ref).get(ref);
            org.eclipse.jgit.lib.Ref local = repository.exactRef(ref);
            if (theirs == null || local == null || theirs.equals(local.getObjectId())) return;
            if (!repository.getObjectDatabase().has(theirs)) return; // not fetched: cannot compare, leave it
            RevCommit remoteCommit = walk.parseCommit(theirs);
            RevCommit localCommit = walk.parseCommit(walk.peel(walk.parseAny(local.getObjectId())));
            if (!walk.isMergedInto(localCommit, remoteCommit) || localCommit.equals(remoteCommit)) return;
            org.eclipse.jgit.lib.RefUpdate update = repository.updateRef(ref);
            update.setNewObjectId(remoteCommit);
            update.setForceUpdate(true);
            update.update();
        } catch (IOException e) {
            throw new GitSourceException(GitSourceException.Reason.LOCAL, "cannot compare the live tag of " + environment
                    + " with the remote's in the local clone: " + e.getMessage());
        }
    }

    /** The first line of the commit's message ("" when it cannot be read). */
    public String subject(String commit) {
        try (RevWalk walk = new RevWalk(source.connection().repository())) {
            return walk.parseCommit(ObjectId.fromString(commit)).getShortMessage();
        } catch (IOException | IllegalArgumentException e) {
            return "";
        }
    }

    @Override
    public void close() {
        source.close();
    }
}
