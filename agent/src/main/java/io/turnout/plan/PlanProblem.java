package io.turnout.plan;

/**
 * Why a service cannot be planned (missing infrastructure, traffic pointing nowhere …). A
 * service with a problem gets no steps; the rest of the environment is still planned.
 *
 * @param service the Turnout service name
 * @param message what is wrong, naming the resource, and what to do about it
 */
public record PlanProblem(String service, String message) {
    /** {@code service: message}, one line. */
    public String describe() {
        return service + ": " + message;
    }
}
