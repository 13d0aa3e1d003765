package io.turnout.spec;

import java.time.Duration;

/**
 * How deployments behave in an environment.
 *
 * @param steadyStateTimeout how long a slot may take to reach steady state (default 10m)
 * @param verification       verification defaults for services that do not set their own
 * @param downsizeOldSlot    scale the old BLUE slot to 0 after a swap (default true)
 * @param downsizeDelay      how long after the swap (default 5m), so rollback stays instant meanwhile
 * @param autoRollback       swap back / scale GREEN down by itself on failure (default true)
 * @param maxParallel        how many services of one deployment deploy at once, each on its own (default 10)
 */
public record DeploymentPolicy(Duration steadyStateTimeout, Verification verification, boolean downsizeOldSlot,
                               Duration downsizeDelay, boolean autoRollback, int maxParallel) {
    /** Services deployed at once when the environment does not say. */
    public static final int DEFAULT_MAX_PARALLEL = 10;
    public static final DeploymentPolicy DEFAULT = new DeploymentPolicy(
            Duration.ofMinutes(10), Verification.DEFAULT, true, Duration.ofMinutes(5), true, DEFAULT_MAX_PARALLEL);

    public DeploymentPolicy {
        // 0: a policy stored before maxParallel existed (the schema never lets a spec say 0)
        if (maxParallel == 0) maxParallel = DEFAULT_MAX_PARALLEL;
        if (maxParallel < 1) throw new IllegalArgumentException("maxParallel must be at least 1, was " + maxParallel);
    }

    /** A policy with the default {@code maxParallel}. */
    public DeploymentPolicy(Duration steadyStateTimeout, Verification verification, boolean downsizeOldSlot,
                            Duration downsizeDelay, boolean autoRollback) {
        this(steadyStateTimeout, verification, downsizeOldSlot, downsizeDelay, autoRollback, DEFAULT_MAX_PARALLEL);
    }

    /** The same policy deploying at most {@code services} at once. */
    public DeploymentPolicy withMaxParallel(int services) {
        return new DeploymentPolicy(steadyStateTimeout, verification, downsizeOldSlot, downsizeDelay, autoRollback, services);
    }
}
