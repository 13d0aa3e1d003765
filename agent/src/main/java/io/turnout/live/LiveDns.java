package io.turnout.live;

import io.turnout.cloud.CloudMapServiceInfo;
import io.turnout.cloud.HostedZoneInfo;
import io.turnout.cloud.RecordSetInfo;
import io.turnout.spec.Slot;
import io.turnout.spec.SlotPair;
import java.util.Optional;

/**
 * DNS traffic now: the zone, the two weighted records (set identifiers
 * {@code <service>-a}/{@code <service>-b}) when they exist, and the two Cloud Map services.
 * The production slot is the one with the higher weight; none while the records are
 * missing or weighted equally.
 */
public record LiveDns(HostedZoneInfo zone, Optional<RecordSetInfo> recordA, Optional<RecordSetInfo> recordB,
                      SlotPair<CloudMapServiceInfo> cloudMapServices) implements LiveTraffic {

    public Optional<RecordSetInfo> record(Slot slot) {
        return slot == Slot.A ? recordA : recordB;
    }

    public long weight(Slot slot) {
        return record(slot).map(r -> r.weight() == null ? 0L : r.weight()).orElse(0L);
    }

    @Override
    public Optional<Slot> productionSlot() {
        if (recordA.isEmpty() && recordB.isEmpty()) return Optional.empty();
        long a = weight(Slot.A);
        long b = weight(Slot.B);
        if (a == b) return Optional.empty();
        return Optional.of(a > b ? Slot.A : Slot.B);
    }
}
