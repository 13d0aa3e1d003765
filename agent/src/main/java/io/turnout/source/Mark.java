package io.turnout.source;

/**
 * One recorded deployment.
 *
 * @param environment the environment name
 * @param commit      the applied commit (40 hex digits)
 * @param liveTag     the moving tag, {@code turnout/<environment>/live}
 * @param historyTag  the annotated tag of this deployment, {@code turnout/<environment>/20261122T043000Z}
 */
public record Mark(String environment, String commit, String liveTag, String historyTag) {
}
