package io.turnout.live;

import io.turnout.spec.Slot;
import java.util.List;
import java.util.Optional;

/**
 * One Turnout service as AWS has it now.
 *
 * @param name     the Turnout service name
 * @param a        slot a's ECS service ({@code <name>--a}), when it exists and is not INACTIVE
 * @param b        slot b's, likewise
 * @param single   the one ECS service ({@code <name>}) of a rolling service
 * @param traffic  ELB or DNS traffic state for blue/green services; empty for rolling ones
 * @param problems what is missing or contradictory, by name, e.g.
 *                 "target group web-tg-b not found"; the planner refuses to plan a
 *                 deployment while there is any
 */
public record LiveService(String name, Optional<LiveSlot> a, Optional<LiveSlot> b, Optional<LiveSlot> single,
                          Optional<LiveTraffic> traffic, List<String> problems) {
    public LiveService {
        problems = List.copyOf(problems);
    }

    public Optional<LiveSlot> slot(Slot slot) {
        return slot == Slot.A ? a : b;
    }

    /** The slot production traffic points at, if traffic is known and points at one of the two. */
    public Optional<Slot> blue() {
        return traffic.flatMap(LiveTraffic::productionSlot);
    }
}
