package io.turnout.source;

/**
 * What the spec source has done so far, for metrics and for tests that prove a quiet poll is
 * cheap: a poll with no new commit costs one ls-remote and nothing else.
 *
 * @param lsRemotes      ref advertisements asked of the remote (one round trip each, no objects)
 * @param fetches        fetches (object transfers)
 * @param objectsFetched objects received over all fetches, as the packs announced them
 * @param specParses     spec trees loaded from a commit
 * @param pushes         push attempts (tags of the committed state)
 */
public record SourceStats(long lsRemotes, long fetches, long objectsFetched, long specParses, long pushes) {
}
