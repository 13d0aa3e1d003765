package io.turnout.cli;

/** A mistake in how a command was called or what it was pointed at: what is wrong, and what to do. */
final class UserError extends RuntimeException {
    private final String fix;

    UserError(String message, String fix) {
        super(message);
        this.fix = fix;
    }

    String fix() {
        return fix;
    }
}
