package io.turnout.cloud;

/**
 * One target's health: {@code state} is initial, healthy, unhealthy, unused, draining or unavailable.
 */
public record TargetHealthInfo(Target target, String state, String reason) {
    /** A target: an IP (or instance id) and port. */
    public record Target(String id, int port) {}

    public boolean healthy() {
        return "healthy".equals(state);
    }
}
