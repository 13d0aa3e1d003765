package io.turnout.source;

/** How the branch got from one commit (the last seen or last applied) to another (the new head). */
public enum HistoryMove {
    /** There was no earlier commit: the first poll, or an environment never deployed. */
    INITIAL,
    /** Same commit. */
    SAME,
    /** The new head descends from the earlier commit: ordinary commits, merges, reverts. */
    FORWARD,
    /** The new head is an ancestor of the earlier commit: a force push to an older commit or a reset. */
    REWIND,
    /**
     * Neither is an ancestor of the other: history was rewritten (rebase, amend, force push of
     * another line). Also when the earlier commit is no longer in the repository at all.
     */
    DIVERGED
}
