package io.turnout.source.mark;

import io.turnout.source.CommittedState;
import io.turnout.source.GitConnection;
import io.turnout.source.GitSourceException;
import io.turnout.source.Mark;
import io.turnout.source.PushReport;
import java.io.IOException;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Writes which commit is live in which environment as tags on the spec repository.
 *
 * <p>Two steps, on purpose: {@link #mark} writes the tags in the local clone and always succeeds
 * when the disk does; {@link #pushPending} pushes every tag not yet on the remote and reports
 * (never throws) what it could not push, which stays pending for the next call. A deployment
 * therefore never waits for, or fails on, the Git remote. Only {@code turnout/E/live} is pushed
 * with force (it moves); the timestamped tags are history and are never overwritten.
 */
public final class CommitMarker implements CommittedState {
    private static final Pattern ENVIRONMENT = Pattern.compile("^[a-z][a-z0-9-]{0,30}[a-z0-9]$");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String TAG_PREFIX = "turnout/";
    /** Where remote tags land on a refresh before they are taken over (see {@link #refreshFromRemote}). */
    private static final String REMOTE_TAGS = "refs/turnout-remote/tags/";

    private final GitConnection connection;
    private final InstantSource clock;
    private final String taggerName;
    private final String taggerEmail;
    private final PendingPushes pending;

    public CommitMarker(GitConnection connection, InstantSource clock, String taggerName, String taggerEmail) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.taggerName = taggerName;
        this.taggerEmail = taggerEmail;
        this.pending = new PendingPushes(connection.cloneDir().resolve("turnout-pending-pushes"));
    }

    public CommitMarker(GitConnection connection, InstantSource clock) {
        this(connection, clock, "Turnout", "turnout@localhost");
    }

    /** {@code turnout/<environment>/live}. */
    public static String liveTag(String environment) {
        return TAG_PREFIX + checkEnvironment(environment) + "/live";
    }

    /**
     * Records that {@code commit} was applied to {@code environment}: moves {@code turnout/E/live}
     * to it and adds the annotated tag {@code turnout/E/<UTC now>} whose message is
     * {@code planSummary}. Local only; both tags become pending for {@link #pushPending}.
     *
     * @throws GitSourceException only when the local clone cannot be written, or the commit is
     *                            not in it (it always is when it came from a poll)
     */
    @Override
    public synchronized Mark mark(String environment, String commit, String planSummary) throws GitSourceException {
        String live = liveTag(environment);
        Repository repository = connection.repository();
        try (RevWalk walk = new RevWalk(repository); ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId commitId = walk.parseCommit(ObjectId.fromString(commit)).copy();
            String history = freeHistoryName(repository, walk, environment, commitId);
            // Pending first: should the agent die between the two, a pending ref that does not
            // exist is dropped by pushPending, while a tag that exists but is not pending would
            // never be pushed.
            pending.add(List.of(Constants.R_TAGS + history, Constants.R_TAGS + live));
            if (repository.exactRef(Constants.R_TAGS + history) == null) {
                TagBuilder tag = new TagBuilder();
                tag.setObjectId(commitId, Constants.OBJ_COMMIT);
                tag.setTag(history);
                tag.setTagger(new PersonIdent(taggerName, taggerEmail, clock.instant(), ZoneOffset.UTC));
                tag.setMessage(planSummary.endsWith("\n") ? planSummary : planSummary + "\n");
                ObjectId tagId = inserter.insert(tag);
                inserter.flush();
                updateRef(repository, Constants.R_TAGS + history, tagId);
            }
            updateRef(repository, Constants.R_TAGS + live, commitId);
            return new Mark(environment, commitId.name(), live, history);
        } catch (MissingObjectException | IllegalArgumentException e) {
            throw notInClone(commit);
        } catch (IOException e) {
            throw cannotWrite(environment, e);
        }
    }

    /**
     * Moves {@code turnout/E/live} to {@code commit} without a timestamped tag: the commit is live,
     * but no deployment happened (a poll that deployed nothing adds no history). Local only; the
     * live tag becomes pending for {@link #pushPending}.
     */
    @Override
    public synchronized void markLive(String environment, String commit) throws GitSourceException {
        String live = liveTag(environment);
        Repository repository = connection.repository();
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectId commitId = walk.parseCommit(ObjectId.fromString(commit)).copy();
            pending.add(List.of(Constants.R_TAGS + live));
            updateRef(repository, Constants.R_TAGS + live, commitId);
        } catch (MissingObjectException | IllegalArgumentException e) {
            throw notInClone(commit);
        } catch (IOException e) {
            throw cannotWrite(environment, e);
        }
    }

    private GitSourceException notInClone(String commit) {
        return new GitSourceException(GitSourceException.Reason.LOCAL, "commit " + commit + " is not in the local clone of "
                + connection.remote().displayUrl() + ": mark only commits that came from a poll");
    }

    private GitSourceException cannotWrite(String environment, IOException e) {
        return new GitSourceException(GitSourceException.Reason.LOCAL, "cannot write the tags of " + environment + " in the local clone "
                + connection.cloneDir() + ": " + e.getMessage() + ". Check that the data directory is writable");
    }

    /** The tags marked but not yet pushed (short names). */
    @Override
    public List<String> pending() throws GitSourceException {
        try {
            return pending.refs().stream().map(CommitMarker::shortName).toList();
        } catch (IOException e) {
            throw new GitSourceException(GitSourceException.Reason.LOCAL, "cannot read the list of tags to push: " + e.getMessage());
        }
    }

    /**
     * Pushes every pending tag in one push. Never throws: what could not be pushed stays pending
     * and is named in the report with the reason.
     */
    @Override
    public synchronized PushReport pushPending() {
        List<String> refs;
        try {
            refs = new ArrayList<>();
            List<String> vanished = new ArrayList<>();
            for (String ref : pending.refs()) (connection.repository().exactRef(ref) == null ? vanished : refs).add(ref);
            pending.remove(vanished);
        } catch (IOException e) {
            return new PushReport(List.of(), List.of(), Optional.of("cannot read the list of tags to push: " + e.getMessage()));
        }
        if (refs.isEmpty()) return new PushReport(List.of(), List.of(), Optional.empty());
        List<RefSpec> specs = new ArrayList<>();
        for (String ref : refs) specs.add(new RefSpec((ref.endsWith("/live") ? "+" : "") + ref + ":" + ref));
        Map<String, RemoteRefUpdate> updates;
        try {
            updates = connection.push(specs);
        } catch (GitSourceException e) {
            return new PushReport(List.of(), refs.stream().map(CommitMarker::shortName).toList(), Optional.of(e.getMessage()
                    + " The tags stay pending and are pushed on the next attempt; deployments are not affected."));
        }
        List<String> pushed = new ArrayList<>();
        List<String> left = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (String ref : refs) {
            RemoteRefUpdate update = updates.get(ref);
            RemoteRefUpdate.Status status = update == null ? RemoteRefUpdate.Status.NOT_ATTEMPTED : update.getStatus();
            if (status == RemoteRefUpdate.Status.OK || status == RemoteRefUpdate.Status.UP_TO_DATE) {
                pushed.add(ref);
            } else {
                left.add(ref);
                reasons.add(shortName(ref) + ": " + status + (update != null && update.getMessage() != null ? " (" + update.getMessage() + ")" : ""));
            }
        }
        try {
            pending.remove(pushed);
        } catch (IOException e) {
            reasons.add("cannot update the list of tags to push: " + e.getMessage());
        }
        Optional<String> failure = reasons.isEmpty() ? Optional.empty() : Optional.of(connection.remote().displayUrl()
                + " refused " + String.join(", ", reasons) + ". Check that the credentials may push tags under refs/tags/turnout/;"
                + " the tags stay pending and are pushed on the next attempt; deployments are not affected.");
        return new PushReport(pushed.stream().map(CommitMarker::shortName).toList(), left.stream().map(CommitMarker::shortName).toList(), failure);
    }

    /** The commit {@code turnout/E/live} points at in the local clone. */
    public Optional<String> liveCommit(String environment) throws GitSourceException {
        String ref = Constants.R_TAGS + liveTag(environment);
        Repository repository = connection.repository();
        try (RevWalk walk = new RevWalk(repository)) {
            Ref tag = repository.exactRef(ref);
            if (tag == null || tag.getObjectId() == null) return Optional.empty();
            RevObject target = walk.peel(walk.parseAny(tag.getObjectId()));
            return Optional.of(target.name());
        } catch (IOException e) {
            throw new GitSourceException(GitSourceException.Reason.LOCAL, "cannot read " + ref + " in the local clone: " + e.getMessage());
        }
    }

    /** Refreshes the tags from the remote ({@link #refreshFromRemote}), then reads {@code turnout/E/live}. */
    @Override
    public Optional<String> fetchLiveCommit(String environment) throws GitSourceException {
        refreshFromRemote();
        return liveCommit(environment);
    }

    /**
     * Fetches the remote's {@code turnout/*} tags (with the commits they point at) and takes them
     * over locally — except tags still pending here, which are newer than the remote's by
     * definition. This is how a restarted agent, or one with an empty data directory, learns
     * what is live.
     */
    public synchronized void refreshFromRemote() throws GitSourceException {
        connection.fetch(List.of(new RefSpec("+" + Constants.R_TAGS + TAG_PREFIX + "*:" + REMOTE_TAGS + TAG_PREFIX + "*")));
        Repository repository = connection.repository();
        try {
            List<String> notPushed = pending.refs();
            for (Ref remote : repository.getRefDatabase().getRefsByPrefix(REMOTE_TAGS)) {
                String local = Constants.R_TAGS + remote.getName().substring(REMOTE_TAGS.length());
                if (!notPushed.contains(local)) updateRef(repository, local, remote.getObjectId());
            }
        } catch (IOException e) {
            throw new GitSourceException(GitSourceException.Reason.LOCAL, "cannot take over the fetched tags in the local clone "
                    + connection.cloneDir() + ": " + e.getMessage());
        }
    }

    /**
     * Keeps a {@code turnout/<env>/live} tag that is still waiting to be pushed from moving the
     * remote's back. The push is forced (the tag moves), so a tag left pending by a failed push
     * would, once pushed, undo a later deployment another replica marked meanwhile. When the
     * remote's live commit descends from the local one, the local tag takes the remote's value
     * and the push becomes a no-op. One ls-remote; called only while tags are pending.
     */
    @Override
    public synchronized void adoptNewerRemoteLive(String environment) throws GitSourceException {
        String ref = Constants.R_TAGS + liveTag(environment);
        Repository repository = connection.repository();
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectId theirs = connection.lsRemote(ref).get(ref);
            Ref local = repository.exactRef(ref);
            if (theirs == null || local == null || theirs.equals(local.getObjectId())) return;
            if (!repository.getObjectDatabase().has(theirs)) return; // not fetched: cannot compare, leave it
            RevCommit remoteCommit = walk.parseCommit(theirs);
            RevCommit localCommit = walk.parseCommit(walk.peel(walk.parseAny(local.getObjectId())));
            if (!walk.isMergedInto(localCommit, remoteCommit) || localCommit.equals(remoteCommit)) return;
            updateRef(repository, ref, remoteCommit);
        } catch (IOException e) {
            throw new GitSourceException(GitSourceException.Reason.LOCAL, "cannot compare the live tag of " + environment
                    + " with the remote's in the local clone: " + e.getMessage());
        }
    }

    /** {@code turnout/E/<stamp>}, or {@code <stamp>-2}, {@code -3} … when that second already has a deployment of another commit. */
    private String freeHistoryName(Repository repository, RevWalk walk, String environment, ObjectId commit) throws IOException {
        String base = TAG_PREFIX + environment + "/" + STAMP.format(clock.instant());
        for (int n = 1; ; n++) {
            String name = n == 1 ? base : base + "-" + n;
            Ref existing = repository.exactRef(Constants.R_TAGS + name);
            if (existing == null) return name;
            RevObject object = walk.parseAny(existing.getObjectId());
            if (object instanceof RevTag tag && tag.getObject().equals(commit)) return name; // the same mark again
        }
    }

    private static void updateRef(Repository repository, String name, ObjectId id) throws IOException {
        RefUpdate update = repository.updateRef(name);
        update.setNewObjectId(id);
        update.setForceUpdate(true);
        RefUpdate.Result result = update.update();
        switch (result) {
            case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> { }
            default -> throw new IOException("updating " + name + " gave " + result);
        }
    }

    private static String shortName(String ref) {
        return ref.startsWith(Constants.R_TAGS) ? ref.substring(Constants.R_TAGS.length()) : ref;
    }

    private static String checkEnvironment(String environment) {
        if (environment == null || !ENVIRONMENT.matcher(environment).matches()) {
            throw new IllegalArgumentException("'" + environment + "' is not an environment name (lower-case letters, digits and '-')");
        }
        return environment;
    }
}
