package io.turnout.plan;

/** What a service's plan does, as the summary line and the plan comment name it. */
public enum PlanKind {
    /** Nothing to do. */
    IN_SYNC("in sync"),
    /** Desired count or auto scaling of the BLUE slot changes; no new deployment. */
    IN_PLACE("in place"),
    /** A new definition goes to the GREEN slot, then traffic moves to it. */
    BLUE_GREEN("blue/green"),
    /** First deployment: the slots (or the rolling service) are created. */
    BOOTSTRAP("bootstrap"),
    /**
     * A revert: the desired state equals the idle GREEN slot's (scale it up and swap back), or the
     * revision AWS's engine still runs or ran before (stop the deployment with rollback, or deploy
     * the previous revision again); nothing is registered.
     */
    ROLLBACK("rollback"),
    /** ECS's own rolling update of a service without blue/green. */
    ROLLING("rolling"),
    /**
     * AWS's own engine (strategy ecs or codeDeploy) is deploying the service now: the plan shows
     * the deployment under way rather than a diff, and waits for it to end before deploying more.
     */
    IN_PROGRESS("deployment in progress"),
    /** Tagged for the environment in AWS but no longer in the specs: reported, never touched. */
    LEFT_ALONE("left alone");

    private final String label;

    PlanKind(String label) {
        this.label = label;
    }

    /** Lower-case words for people: {@code blue/green}, {@code in sync}. */
    public String label() {
        return label;
    }

    /** Whether the service has something to deploy. */
    public boolean deploys() {
        return this != IN_SYNC && this != LEFT_ALONE && this != IN_PROGRESS;
    }
}
