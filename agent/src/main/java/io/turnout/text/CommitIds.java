package io.turnout.text;

/**
 * Commit ids as people see them: shortened to one length everywhere (log lines, outcomes, the
 * status page, pull-request comments), long enough to stay unique in any real repository.
 */
public final class CommitIds {
    /** Hex digits shown of a commit id. */
    public static final int SHORT_LENGTH = 12;

    private CommitIds() {
    }

    /** The first {@value #SHORT_LENGTH} hex digits of a commit id; anything else (a branch, a ref) as it is. */
    public static String shorten(String commit) {
        return commit.length() > SHORT_LENGTH && commit.matches("[0-9a-f]+") ? commit.substring(0, SHORT_LENGTH) : commit;
    }
}
