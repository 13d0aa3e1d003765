package io.turnout.state;

/**
 * This process's hold on one environment ({@link StateStore#lease}): while it is open, the store
 * accepts writes for the environment from this process and refuses the lease to every other one.
 * A lease row with an expiry rather than a database session lock, so that no connection is held
 * for the hours a deployment may take: the store renews it in the background while the process
 * lives. Closing it releases the environment.
 */
public interface EnvironmentLease extends AutoCloseable {
    String environment();

    /** Whether another process has taken the environment over since (this one was silent for longer than the lease lasts). */
    boolean lost();

    /** Releases the environment. Idempotent. */
    @Override
    void close();
}
