package io.turnout.source;

import java.util.List;
import java.util.Optional;

/**
 * The committed-state marker port: which commit is live in which environment, recorded where
 * every replica and every restart can read it back. The implementation writes Git tags on the
 * spec repository ({@code io.turnout.source.mark.CommitMarker}: {@code turnout/<env>/live} and one
 * {@code turnout/<env>/<timestamp>} per deployment); it is the only code that reads or moves them.
 *
 * <p>Marking is local and always succeeds when the disk does; publishing the marks is a separate,
 * retried step whose failure is reported, never thrown, and never blocks a deployment.
 */
public interface CommittedState {
    /** What is live in {@code environment} as the remote says now (a restart or another replica may have moved it). */
    Optional<String> fetchLiveCommit(String environment) throws GitSourceException;

    /** Records that {@code commit} was applied to {@code environment}, with the plan summary; published by {@link #pushPending()}. */
    Mark mark(String environment, String commit, String planSummary) throws GitSourceException;

    /**
     * Records that {@code commit} is live in {@code environment} although nothing was deployed (its
     * specs changed nothing live): moves the live mark only, adds no deployment to the history.
     * Published by {@link #pushPending()}.
     */
    void markLive(String environment, String commit) throws GitSourceException;

    /** The marks recorded but not yet published (tag names). */
    List<String> pending() throws GitSourceException;

    /** Publishes every pending mark. Never throws: what could not be published stays pending and is named in the report. */
    PushReport pushPending();

    /**
     * Before pending marks of {@code environment} are published again: when the remote's live
     * commit of {@code environment} descends from the pending one (another replica deployed a newer
     * commit meanwhile), takes the remote's, so that publishing never moves the remote back.
     */
    void adoptNewerRemoteLive(String environment) throws GitSourceException;
}
