package io.turnout.importer;

import io.turnout.error.TurnoutException;

/** Import cannot go on (a cluster or file that is not there, a file that would be overwritten): what, and what to do. */
public final class ImportException extends TurnoutException {
    public ImportException(String message, String nextStep) {
        super(message, nextStep);
    }
}
