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
 */
public record ServiceStatus(String name, String trafficMode, Optional<String> blueSlot, Optional<String> blueImage,
                            Optional<String> blueCommit, int runningCount) {}
