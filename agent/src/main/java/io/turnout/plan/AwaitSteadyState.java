package io.turnout.plan;

import io.turnout.spec.load.Durations;
import java.time.Duration;

/** Wait until the ECS service is steady (one COMPLETED deployment, running = desired), at most {@code timeout}. */
public record AwaitSteadyState(String service, String cluster, String ecsServiceName, Duration timeout)
        implements Step {
    @Override
    public String describe() {
        return "Wait for " + ecsServiceName + " to reach steady state (timeout " + Durations.format(timeout) + ")";
    }
}
