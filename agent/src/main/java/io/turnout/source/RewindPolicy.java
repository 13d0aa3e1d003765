package io.turnout.source;

import io.turnout.spec.EnvironmentSpec;

/**
 * Whether the agent may apply a new head given how it relates to the commit last applied to an
 * environment. Forward moves are applied; a rewind (force push to an older commit, reset) or a
 * rewritten history is applied only when the environment says {@code sync.allowRewind: true} —
 * otherwise the agent shows the plan and waits, because going back by rewriting history is more
 * often an accident than a rollback (a rollback is a {@code git revert}, which moves forward).
 */
public final class RewindPolicy {
    private RewindPolicy() {
    }

    /** The verdict, with the reason shown on the status page and in the plan comment. */
    public record Decision(boolean apply, String reason) {
    }

    public static Decision decide(HistoryMove move, boolean allowRewind) {
        return switch (move) {
            case INITIAL -> new Decision(true, "first deployment from this repository");
            case SAME -> new Decision(true, "same commit as the one applied (drift is reconciled if self-heal is on)");
            case FORWARD -> new Decision(true, "the branch moved forward");
            case REWIND -> allowRewind
                    ? new Decision(true, "the branch moved back to an older commit and allowRewind is true")
                    : new Decision(false, "the branch moved back to an older commit (force push or reset): plan only. "
                            + "To roll back, git revert the commits instead, or set sync.allowRewind: true for this environment");
            case DIVERGED -> allowRewind
                    ? new Decision(true, "the branch history was rewritten and allowRewind is true")
                    : new Decision(false, "the branch history was rewritten (the applied commit is not an ancestor of the new head): plan only. "
                            + "Push a commit on top of the applied one, or set sync.allowRewind: true for this environment");
        };
    }

    public static Decision decide(HistoryMove move, EnvironmentSpec environment) {
        return decide(move, environment.sync().allowRewind());
    }
}
