package io.turnout.source;

import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.load.LoadResult;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The spec source port: one branch of one spec repository, as every environment it defines shares
 * it — polled cheaply, its specs at the head, the history rules need (how the head moved, which
 * commits came in between), and the {@link CommittedState} kept with it. The implementation is
 * {@link SpecRepository} over JGit; everything Git-specific stays behind this interface.
 */
public interface SpecSource extends AutoCloseable {
    /** The specs at one commit: a valid tree or the problems. */
    record Snapshot(String head, LoadResult specs) {
        /** The environments the specs define (sorted); empty when they are invalid. */
        public SortedSet<String> environments() {
            SortedSet<String> names = new TreeSet<>();
            specs.tree().ifPresent(t -> t.environments().stream().map(EnvironmentSpec::name).forEach(names::add));
            return names;
        }
    }

    /** A commit with the first line of its message. */
    record CommitInfo(String id, String subject) {
    }

    /** The configured name of the repository (job names, metrics). */
    String id();

    /** The repository's URL without credentials, for people. */
    String displayUrl();

    String branch();

    /** Whether {@code repository}, as a webhook or a person names it (clone URL, web URL, {@code owner/name}), is this one. */
    boolean answersTo(String repository);

    /** Polls the branch (one round trip when nothing moved) and returns the specs at the head. */
    Snapshot poll() throws GitSourceException;

    /** The specs of the last poll, if there was one. */
    Optional<Snapshot> latest();

    /** How the branch got from {@code applied} (empty: never deployed) to {@code head}: what {@link RewindPolicy} judges. */
    HistoryMove historyMove(Optional<String> applied, String head) throws GitSourceException;

    /**
     * The commits reachable from {@code head} but not from {@code since}, oldest first, without
     * {@code head} itself. Empty when {@code since} is empty or not an ancestor (a rewind: nothing
     * in between to supersede).
     */
    List<CommitInfo> commitsBetween(Optional<String> since, String head) throws GitSourceException;

    /** The first line of the commit's message ("" when it cannot be read). */
    String subject(String commit);

    /** The author of a commit ({@code Name <email>}), or "" when unknown. */
    default String author(String commit) {
        return "";
    }

    /** Which commit is live where, kept on this repository. */
    CommittedState committedState();

    SourceStats stats();

    @Override
    void close();
}
