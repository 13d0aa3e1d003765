package io.turnout.state;

import io.turnout.error.TurnoutException;

/** The state store could not be read or written (the database is unreachable, the disk is full …). */
public final class StateStoreException extends TurnoutException {
    public StateStoreException(String what, Throwable cause) {
        super(what + ": " + cause.getMessage(), "Check that the state store's database is reachable and writable.", cause);
    }
}
