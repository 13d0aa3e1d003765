package io.turnout.plan;

/**
 * Why a service cannot be planned (missing infrastructure, traffic pointing nowhere …). A
 * service with a problem gets no steps; the rest of the environment is still planned.
 *
 * @param service the Turnout service name; null for a problem of the whole environment (a missing
 *                cluster, load balancer or hosted zone), named once however many services it blocks
 * @param message what is wrong, naming the resource, and what to do about it
 */
public record PlanProblem(String service, String message) {
    /** A problem of the environment, not of one service. */
    public static PlanProblem environment(String message) {
        return new PlanProblem(null, message);
    }

    public boolean environmentWide() {
        return service == null;
    }

    /** {@code service: message} (or the message alone for the environment), one line. */
    public String describe() {
        return service == null ? message : service + ": " + message;
    }
}
