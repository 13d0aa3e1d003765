package io.turnout.review;

/** The posting of a plan is not set up right (no token, no pull request number …): what is missing and how to give it. */
public final class ReviewSetupException extends RuntimeException {
    private final String fix;

    public ReviewSetupException(String message, String fix) {
        super(message);
        this.fix = fix;
    }

    public String fix() {
        return fix;
    }
}
