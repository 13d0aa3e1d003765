package io.turnout.importer;

/** Import cannot go on (a cluster or file that is not there, input that is not a definition): what, and what to do. */
public final class ImportException extends RuntimeException {
    private final String fix;

    public ImportException(String message, String fix) {
        super(message);
        this.fix = fix;
    }

    /** What to do about it. */
    public String fix() {
        return fix;
    }
}
