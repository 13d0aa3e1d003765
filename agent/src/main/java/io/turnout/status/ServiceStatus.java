package io.turnout.status;

import java.util.Optional;

/**
 * One service's live colours in one environment, as last read.
 *
 * @param name         the Turnout service name
 * @param trafficMode  elb, dns or rolling
 * @param blueSlot     {@code a} or {@code b} for blue/green services when production points at one; empty otherwise
 * @param blueImage    the first container image of the BLUE slot (or the rolling service)
 * @param blueCommit   the {@code turnout:commit} tag of the BLUE slot
 * @param runningCount running tasks of the BLUE slot (or the rolling service)
 * @param green        the other slot of a blue/green service with a BLUE slot, when it exists: what a rollback
 *                     swaps back to; empty for rolling services, before production points at a slot, and
 *                     when the other slot does not exist
 * @param deployment   for AWS's own engines (ecs, codeDeploy): where the deployment under way is, e.g.
 *                     "TEST_TRAFFIC_SHIFT, production 100% on web:3, test 100% on web:4"; empty when none
 */
public record ServiceStatus(String name, String trafficMode, Optional<String> blueSlot, Optional<String> blueImage,
                            Optional<String> blueCommit, int runningCount, Optional<Green> green, Optional<String> deployment) {
    public ServiceStatus {
        green = green == null ? Optional.empty() : green;
        deployment = deployment == null ? Optional.empty() : deployment;
    }

    /** A service without a GREEN slot nor a deployment under way. */
    public ServiceStatus(String name, String trafficMode, Optional<String> blueSlot, Optional<String> blueImage,
                         Optional<String> blueCommit, int runningCount) {
        this(name, trafficMode, blueSlot, blueImage, blueCommit, runningCount, Optional.empty(), Optional.empty());
    }

    /** A blue/green service's row, with its GREEN slot. */
    public ServiceStatus(String name, String trafficMode, Optional<String> blueSlot, Optional<String> blueImage,
                         Optional<String> blueCommit, int runningCount, Optional<Green> green) {
        this(name, trafficMode, blueSlot, blueImage, blueCommit, runningCount, green, Optional.empty());
    }

    /** The same row with the deployment under way at {@code description}. */
    public ServiceStatus withDeployment(String description) {
        return new ServiceStatus(name, trafficMode, blueSlot, blueImage, blueCommit, runningCount, green, Optional.of(description));
    }

    /**
     * The GREEN slot of a blue/green service.
     *
     * @param slot         {@code a} or {@code b}
     * @param image        the image of its main container (the load balancer's, else the first by name); empty when
     *                     its task definition was not read
     * @param commit       its {@code turnout:commit} tag
     * @param runningCount its running tasks
     * @param desiredCount its desired tasks
     */
    public record Green(String slot, Optional<String> image, Optional<String> commit, int runningCount, int desiredCount) {
        /** Whether a rollback is a swap only: GREEN still runs tasks (before its downsize, or kept warm). */
        public boolean fastRollback() {
            return runningCount > 0;
        }

        /** "fast rollback ready (2 tasks)", or what a rollback has to do first. */
        public String rollbackText() {
            if (fastRollback()) return "fast rollback ready (" + runningCount + (runningCount == 1 ? " task)" : " tasks)");
            if (desiredCount > 0) return "starting " + desiredCount + (desiredCount == 1 ? " task" : " tasks");
            return "scaled to 0: a rollback starts its tasks first";
        }
    }
}
