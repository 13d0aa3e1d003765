package io.turnout.status;

/**
 * Where a person's approval goes (the API, {@code turnout approve}, the status page): the
 * deployment of an environment paused at its approval gate, or the pending plan of a plan-only
 * environment. The decision names the commit it is about, so that a commit that arrived meanwhile
 * is never approved by accident.
 */
public interface Approvals {
    /** What the person decides. */
    enum Decision {
        APPROVE, REJECT
    }

    /** How the request was answered, and a sentence for people saying what happens next. */
    record Answer(Result result, String message) {
        public enum Result {
            /** Kept; the environment is polled now and acts on it. */
            RECORDED,
            /** Nothing in this environment waits for approval (or rejection). */
            NOTHING_WAITS,
            /** Something waits, but for another commit than the one named. */
            OTHER_COMMIT,
            /** No environment of that name is followed. */
            UNKNOWN_ENVIRONMENT,
            /**
             * The environment is being changed (its lease is held, e.g. by a running deployment) for
             * longer than a decision waits: nothing was recorded; the message names the holder and
             * says to try again.
             */
            BUSY
        }
    }

    /**
     * Records {@code decision} about what waits in {@code environment}, if it is of {@code commit}
     * (the full id, or a prefix of at least 7 characters).
     *
     * @param by who decides, as the person gave it (kept in the outcome)
     */
    Answer decide(String environment, String commit, Decision decision, String by);
}
