package io.turnout.cloud;

/**
 * The tags Turnout writes on the resources it manages. {@code BG_VERSION} is the convention
 * users know from other blue/green tools; the {@code turnout:*} tags let the live-state
 * reader find its services and tell what was deployed without reading anything else.
 */
public final class Tags {
    private Tags() {}

    /** {@code BLUE} on the slot serving production, {@code GREEN} on the other. */
    public static final String BG_VERSION = "BG_VERSION";
    public static final String BLUE = "BLUE";
    public static final String GREEN = "GREEN";
    /** The environment name. */
    public static final String ENVIRONMENT = "turnout:environment";
    /** The Turnout service name (not the slot's ECS service name). */
    public static final String SERVICE = "turnout:service";
    /** {@code a} or {@code b}. */
    public static final String SLOT = "turnout:slot";
    /** The spec commit the slot's current definition came from. */
    public static final String COMMIT = "turnout:commit";
    /** A hash of the effective spec the slot was last deployed from. */
    public static final String SPEC_HASH = "turnout:spec-hash";
    /**
     * The task definition ARN the slot was deployed with (written at retag time). When it still
     * equals the service's task definition and the spec hash equals the desired one, the live
     * state reader need not describe the task definition or the idle slot.
     */
    public static final String TASK_DEFINITION = "turnout:task-definition";
    /**
     * On a service of AWS's own engines (strategy ecs, codeDeploy): the spec hash it ran before its
     * last deployment, so that a revert once that deployment is over is planned as a rollback.
     */
    public static final String PREVIOUS_SPEC_HASH = "turnout:previous-spec-hash";
    /** With {@link #PREVIOUS_SPEC_HASH}: the task definition it ran then, deployed again by such a rollback. */
    public static final String PREVIOUS_TASK_DEFINITION = "turnout:previous-task-definition";
    /** {@code true} on a rolling service's canary ({@code <service>--canary}), which lives only during a deployment. */
    public static final String CANARY = "turnout:canary";
}
