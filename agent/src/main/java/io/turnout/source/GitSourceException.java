package io.turnout.source;

import io.turnout.error.TurnoutException;

/**
 * A Git operation against the spec repository failed. The message names the remote (without
 * credentials) and says what to do; it never contains a secret, because it is shown in logs,
 * the status page and pull-request comments. The message says what to do as well (built by
 * {@code GitFailures}), so {@link #nextStep()} is empty; callers add their own ("retrying at the next poll").
 */
public final class GitSourceException extends TurnoutException {
    /** Why, so that the caller can tell a retry-later failure from one a human must fix. */
    public enum Reason {
        /** Credentials missing, wrong, or host key not trusted: a human must fix it. */
        AUTHENTICATION(false),
        /** The repository or branch does not exist on the remote. */
        NOT_FOUND(false),
        /** Network trouble or a server error: retry on the next poll. */
        UNREACHABLE(true),
        /**
         * The remote refused a write (no push access, protected tags): a human must grant it.
         * The commit marker keeps the tags pending and tries again anyway.
         */
        REJECTED(false),
        /** Turnout's own settings are wrong (bad URL, unreadable secret file). */
        CONFIGURATION(false),
        /** The local clone could not be read or written. */
        LOCAL(true);

        private final boolean transientFailure;

        Reason(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        public boolean isTransient() {
            return transientFailure;
        }
    }

    private final Reason reason;

    public GitSourceException(Reason reason, String message) {
        super(message, "");
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
