package io.turnout.spec;

import java.util.Optional;

/**
 * Tasks run at fixed points of a deployment. {@code beforeDeploy}: a one-off task with the NEW
 * task definition (a database migration) that must exit 0 before the new version is scaled up;
 * otherwise the deployment stops with production untouched.
 */
public record Hooks(Optional<TaskCheck> beforeDeploy) {
    public static final Hooks NONE = new Hooks(Optional.empty());
}
