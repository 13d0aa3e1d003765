package io.turnout.status;

/** Asking the agent to poll now instead of at its next scheduled time (webhooks, the sync API). */
public interface SyncTrigger {
    /**
     * Schedules an immediate poll of every environment fed by the repository whose clone URL,
     * web URL or {@code owner/name} path matches {@code repository}.
     *
     * @return how many environments were scheduled (0 when no configured repository matches)
     */
    int pollRepository(String repository);

    /**
     * Schedules an immediate poll of one environment.
     *
     * @return false when no such environment is followed
     */
    boolean syncEnvironment(String environment);
}
