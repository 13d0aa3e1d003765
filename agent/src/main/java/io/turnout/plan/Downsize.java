package io.turnout.plan;

import io.turnout.spec.Slot;
import io.turnout.spec.load.Durations;
import java.time.Duration;

/** Scale the old slot to 0 tasks after {@code delay}; the ECS service stays so that rollback is instant. */
public record Downsize(String service, Slot slot, String cluster, String ecsServiceName, Duration delay)
        implements Step {
    @Override
    public String describe() {
        return (delay.isZero() ? "Scale " : "After " + Durations.format(delay) + ", scale ") + ecsServiceName
                + " to 0 tasks (kept for rollback)";
    }
}
