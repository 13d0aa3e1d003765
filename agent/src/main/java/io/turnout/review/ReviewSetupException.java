package io.turnout.review;

import io.turnout.error.TurnoutException;

/** The posting of a plan is not set up right (no token, no pull request number …): what is missing and how to give it. */
public final class ReviewSetupException extends TurnoutException {
    public ReviewSetupException(String message, String nextStep) {
        super(message, nextStep);
    }
}
