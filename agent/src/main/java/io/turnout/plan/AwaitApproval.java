package io.turnout.plan;

import io.turnout.spec.load.Durations;
import java.time.Duration;

/**
 * The approval gate: {@code ecsServiceName} is verified and production untouched; the deployment
 * of this service pauses until a person approves (production then moves), rejects it or
 * {@code timeout} passes (it is rolled back). Other services go on meanwhile.
 */
public record AwaitApproval(String service, String ecsServiceName, Duration timeout) implements Step {
    @Override
    public String describe() {
        return "Wait for approval to move production to " + ecsServiceName + " (verified; rejected or not approved within "
                + Durations.format(timeout) + ": rolled back)";
    }
}
