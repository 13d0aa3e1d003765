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
 */
public record ServiceStatus(String name, String trafficMode, Optional<String> blueSlot, Optional<String> blueImage,
                            Optional<String> blueCommit, int runningCount, Optional<Green> green) {
    public ServiceStatus {
        green = green == null ? Optional.empty() : green;
    }

    /** A service without a GREEN slot (rolling, or not deployed blue/green yet). */
    public ServiceStatus(String name, String trafficMode, Optional<String> blueSlot, Optional<String> blueImage,
                         Optional<String> blueCommit, int runningCount) {
        this(name, trafficMode, blueSlot, blueImage, blueCommit, runningCount, Optional.empty());
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
