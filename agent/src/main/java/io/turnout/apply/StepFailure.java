package io.turnout.apply;

import io.turnout.error.TurnoutException;

/**
 * A step could not do its job: what failed, naming the resource, in words for people
 * ("web--b did not reach steady state within 10m: 1/2 running"). Terminal for the step; the
 * executor then rolls the service back.
 */
public class StepFailure extends TurnoutException {
    public StepFailure(String message) {
        super(message, "");
    }

    public StepFailure(String message, Throwable cause) {
        super(message, "", cause);
    }
}
