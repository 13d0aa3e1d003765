package io.turnout.source;

import io.turnout.spec.load.LoadResult;
import java.util.Objects;
import java.util.Optional;

/**
 * What one poll found.
 *
 * @param head     the branch head now (40 hex digits)
 * @param previous the head seen before (by this agent, also before a restart: the clone keeps it)
 * @param move     how the branch got from {@code previous} to {@code head}
 * @param specs    the specs at {@code head}, loaded when there is something new to look at: the
 *                 head moved, or this is the first poll since the agent started. Empty when the
 *                 branch did not move (the caller still has the specs of the last change).
 */
public record PollResult(String head, Optional<String> previous, HistoryMove move, Optional<LoadResult> specs) {
    public PollResult {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(move, "move");
        Objects.requireNonNull(specs, "specs");
    }

    /** Whether there is something new: specs were loaded because the head moved or the agent just started. */
    public boolean changed() {
        return specs.isPresent();
    }

    /** Whether the branch moved backwards or was rewritten (see {@link RewindPolicy}). */
    public boolean rewound() {
        return move == HistoryMove.REWIND || move == HistoryMove.DIVERGED;
    }
}
