package io.turnout.review;

import io.turnout.error.TurnoutException;

/**
 * A call to GitHub's or GitLab's API failed. The message names the host, the method and the
 * endpoint and says what to do; it never contains the token (it is shown in CI logs).
 */
public final class ReviewApiException extends TurnoutException {
    private final int status;

    public ReviewApiException(String message, int status) {
        super(message, "");
        this.status = status;
    }

    /** The HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }
}
