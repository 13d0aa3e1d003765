package io.turnout.plan;

import io.turnout.spec.AlarmGate;
import io.turnout.spec.load.Durations;
import java.time.Duration;

/** The canary's tasks keep running (none stopped, none unhealthy) and its alarms stay OK for {@code bakeTime}. */
public record VerifyCanary(String service, String cluster, String canaryEcsServiceName, AlarmGate alarms, Duration bakeTime)
        implements Step {
    @Override
    public String describe() {
        return "Verify the canary " + canaryEcsServiceName + ": its tasks stay healthy"
                + (alarms.isEmpty() ? "" : " and alarms " + String.join(", ", alarms.names()) + " stay OK")
                + " for " + Durations.format(bakeTime);
    }
}
