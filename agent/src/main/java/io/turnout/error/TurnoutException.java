package io.turnout.error;

/**
 * The one shape of a failure Turnout reports to people: what went wrong ({@link #getMessage()},
 * naming the file, resource or endpoint) and what to do about it ({@link #nextStep()}), kept
 * apart so that each surface says both in its own way — the command line prints the next step on
 * its own line, the agent adds what it does itself ("retrying at the next poll"), the executor
 * puts both in the failure reason. Messages never contain a secret.
 *
 * <p>Subclasses add what callers decide on: {@code CloudException} (the kind of AWS failure),
 * {@code GitSourceException} (why Git failed), {@code ReviewApiException} (the code host's HTTP
 * status), {@code StepFailure} (a deployment step).
 */
public class TurnoutException extends RuntimeException {
    private final String nextStep;

    /**
     * @param message  what went wrong
     * @param nextStep what to do about it; empty when there is nothing to add
     */
    public TurnoutException(String message, String nextStep) {
        super(message);
        this.nextStep = nextStep == null ? "" : nextStep;
    }

    public TurnoutException(String message, String nextStep, Throwable cause) {
        super(message, cause);
        this.nextStep = nextStep == null ? "" : nextStep;
    }

    /** What to do about it, as a sentence; empty when the message says all there is. */
    public String nextStep() {
        return nextStep;
    }

    /** The message and the next step in one line, e.g. for a log line, a status page or a failure reason. */
    public String describe() {
        return join(getMessage(), nextStep);
    }

    /** {@code message} followed by {@code nextStep}, with a full stop between them when the message has none. */
    public static String join(String message, String nextStep) {
        if (nextStep == null || nextStep.isEmpty()) return message;
        if (message == null || message.isEmpty()) return nextStep;
        return message + (message.matches("(?s).*[.!?)]$") ? " " : ". ") + nextStep;
    }
}
