package io.turnout.state;

import io.turnout.error.TurnoutException;

/**
 * A write for an environment whose lease this process does not hold (any more): another process
 * took it over after this one was silent for longer than the lease lasts, and carries on from the
 * journal. The writer must stop at once and change nothing more.
 */
public final class LeaseLostException extends TurnoutException {
    public LeaseLostException(String environment, String why) {
        super("this process does not hold the lease of " + environment + " (" + why + ")",
                "It stops here and changes nothing more; the holder of the lease finishes or rolls back from the journal.");
    }
}
