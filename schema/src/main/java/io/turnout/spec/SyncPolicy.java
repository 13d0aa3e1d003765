package io.turnout.spec;

import java.time.Duration;

/**
 * How the agent follows the spec repository for an environment.
 *
 * @param mode          auto-apply or plan-only (default plan-only: the safe default)
 * @param interval      how often the repository is polled (default 1m)
 * @param jitter        random extra delay added to each poll, at most this much (default 10s)
 * @param selfHeal      re-apply when live state drifted outside Git (default false: report only)
 * @param allowRewind   apply a branch that moved backwards (force push to an older commit)
 *                      instead of only reporting it (default false)
 */
public record SyncPolicy(SyncMode mode, Duration interval, Duration jitter, boolean selfHeal, boolean allowRewind) {
    public static final SyncPolicy DEFAULT =
            new SyncPolicy(SyncMode.PLAN_ONLY, Duration.ofMinutes(1), Duration.ofSeconds(10), false, false);
}
