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
 */
public record DeploymentPolicy(Duration steadyStateTimeout, Verification verification, boolean downsizeOldSlot,
                               Duration downsizeDelay, boolean autoRollback) {
    public static final DeploymentPolicy DEFAULT = new DeploymentPolicy(
            Duration.ofMinutes(10), Verification.DEFAULT, true, Duration.ofMinutes(5), true);
}
