package io.turnout.live;

import io.turnout.spec.Slot;
import java.util.Optional;

/** Where a blue/green service's traffic goes now: {@link LiveElb} or {@link LiveDns}. */
public sealed interface LiveTraffic permits LiveElb, LiveDns {
    /** The slot serving production, if production points at exactly one of the two slots. */
    Optional<Slot> productionSlot();
}
