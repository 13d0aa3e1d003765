package io.turnout.plan;

import io.turnout.spec.AlarmGate;
import io.turnout.spec.load.Durations;
import java.time.Duration;

/**
 * After production moved to {@code ecsServiceName}: its alarms must stay OK for {@code window};
 * one in ALARM (or, failing closed, one that cannot tell) fails the step, and the rollback swaps
 * production back.
 */
public record WatchAlarms(String service, String ecsServiceName, AlarmGate alarms, Duration window) implements Step {
    @Override
    public String describe() {
        return "Watch alarms " + String.join(", ", alarms.names()) + " for " + Durations.format(window) + " after production moved to "
                + ecsServiceName + " (ALARM rolls back" + (alarms.onMissingData() == AlarmGate.MissingData.IGNORE
                ? "; missing data ignored)" : ", so does missing data)");
    }
}
