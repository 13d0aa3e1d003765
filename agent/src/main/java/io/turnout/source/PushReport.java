package io.turnout.source;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of pushing the pending tags: never an exception, because a tag that could not be
 * pushed must not stop anything — it stays pending and goes with the next push.
 *
 * @param pushed  tags now on the remote (short names, e.g. {@code turnout/production/live})
 * @param pending tags still to push
 * @param failure what went wrong, naming the remote and what to do; empty when everything went
 */
public record PushReport(List<String> pushed, List<String> pending, Optional<String> failure) {
    public PushReport {
        pushed = List.copyOf(pushed);
        pending = List.copyOf(pending);
    }

    public boolean complete() {
        return pending.isEmpty() && failure.isEmpty();
    }
}
