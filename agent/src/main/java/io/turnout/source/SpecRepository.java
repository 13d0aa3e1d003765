package io.turnout.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The Git {@link SpecSource}: one spec repository as all its environments share it: one clone,
 * one poll at a time, and the specs of the branch head kept in memory. {@link GitSpecSource#poll()} loads specs only when the
 * head moved; the environment polled second must still see them, so the last loaded specs are
 * kept here with their commit and handed to every environment until the head moves again.
 */
public final class SpecRepository implements SpecSource {
    /** At most this many commits are listed as superseded in one go (a long-paused agent). */
    static final int MAX_LISTED_COMMITS = 200;

    private final String id;
    private final GitSpecSource source;
    private final CommittedState committed;
    private Snapshot latest;

    /**
     * @param id     the configured name of the repository (used in job names and metrics)
     * @param source the polled branch
     * @param committed the committed-state tags, on the same clone ({@code mark.CommitMarker})
     */
    public SpecRepository(String id, GitSpecSource source, CommittedState committed) {
        this.id = Objects.requireNonNull(id, "id");
        this.source = Objects.requireNonNull(source, "source");
        this.committed = Objects.requireNonNull(committed, "committed");
    }

    @Override
    public String id() {
        return id;
    }

    public GitSpecSource source() {
        return source;
    }

    @Override
    public CommittedState committedState() {
        return committed;
    }

    @Override
    public String displayUrl() {
        return source.remote().displayUrl();
    }

    @Override
    public String branch() {
        return source.remote().branch();
    }

    @Override
    public boolean answersTo(String repository) {
        return GitRemote.matches(source.remote().url(), repository);
    }

    @Override
    public SourceStats stats() {
        return source.stats();
    }

    /** Polls the branch (one ls-remote; fetch and parse only when the head moved) and returns the specs at the head. */
    @Override
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

    @Override
    public synchronized Optional<Snapshot> latest() {
        return Optional.ofNullable(latest);
    }

    @Override
    public HistoryMove historyMove(Optional<String> applied, String head) throws GitSourceException {
        return source.historyMove(applied, head);
    }

    @Override
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

    @Override
    public String subject(String commit) {
        try (RevWalk walk = new RevWalk(source.connection().repository())) {
            return walk.parseCommit(ObjectId.fromString(commit)).getShortMessage();
        } catch (IOException | IllegalArgumentException e) {
            return "";
        }
    }

    @Override
    public String author(String commit) {
        try (RevWalk walk = new RevWalk(source.connection().repository())) {
            PersonIdent who = walk.parseCommit(ObjectId.fromString(commit)).getAuthorIdent();
            return who.getName() + (who.getEmailAddress().isEmpty() ? "" : " <" + who.getEmailAddress() + ">");
        } catch (IOException | IllegalArgumentException e) {
            return "";
        }
    }

    @Override
    public void close() {
        source.close();
    }
}
