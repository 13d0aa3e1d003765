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
 * @param deployment   for AWS's own engines (ecs, codeDeploy): where the deployment under way is, e.g.
 *                     "TEST_TRAFFIC_SHIFT, production 100% on web:3, test 100% on web:4"; empty when none
 */
public record ServiceStatus(String name, String trafficMode, Optional<String> blueSlot, Optional<String> blueImage,
                            Optional<String> blueCommit, int runningCount, Optional<String> deployment) {
    public ServiceStatus {
        deployment = deployment == null ? Optional.empty() : deployment;
    }

    public ServiceStatus(String name, String trafficMode, Optional<String> blueSlot, Optional<String> blueImage,
                         Optional<String> blueCommit, int runningCount) {
        this(name, trafficMode, blueSlot, blueImage, blueCommit, runningCount, Optional.empty());
    }

    /** The same row with the deployment under way at {@code description}. */
    public ServiceStatus withDeployment(String description) {
        return new ServiceStatus(name, trafficMode, blueSlot, blueImage, blueCommit, runningCount, Optional.of(description));
    }
}
