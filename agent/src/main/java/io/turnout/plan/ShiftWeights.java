package io.turnout.plan;

import io.turnout.spec.load.Durations;
import java.time.Duration;

/**
 * One DNS weight step: UPSERT both weighted records of {@code recordName} in one
 * ChangeResourceRecordSets batch, wait until INSYNC, then bake (and verify) for {@code bakeTime}.
 */
public record ShiftWeights(String service, String hostedZoneId, String hostedZone, String recordName, long ttl,
                           WeightedRecord to, WeightedRecord from, Duration bakeTime) implements Step {
    @Override
    public String describe() {
        return "Set weights of " + recordName + ": slot " + to.slot().id() + "=" + to.weight() + ", slot "
                + from.slot().id() + "=" + from.weight()
                + (bakeTime.isZero() ? "" : ", then bake " + Durations.format(bakeTime));
    }
}
