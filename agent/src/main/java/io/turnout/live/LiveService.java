package io.turnout.live;

import io.turnout.spec.Slot;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
 * @param notRead  slots that were deliberately not described (the GREEN slot of a service whose BLUE
 *                 slot runs the desired spec, as its tags say): for these, an empty {@code a}/{@code b}
 *                 means "not read", never "absent"
 * @param deployment the deployment AWS's own engine (strategy ecs or codeDeploy) is carrying out for
 *                 the service's one ECS service now; empty when none is under way
 */
public record LiveService(String name, Optional<LiveSlot> a, Optional<LiveSlot> b, Optional<LiveSlot> single,
                          Optional<LiveTraffic> traffic, List<String> problems, Set<Slot> notRead,
                          Optional<EngineDeployment> deployment) {
    public LiveService {
        deployment = deployment == null ? Optional.empty() : deployment;
        problems = List.copyOf(problems);
        notRead = notRead == null || notRead.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(notRead));
        for (Slot s : notRead) {
            if ((s == Slot.A ? a : b).isPresent()) {
                throw new IllegalArgumentException("slot " + s.id() + " of " + name + " is both read and not read");
            }
        }
    }

    /** A service whose slots were all read (absent ones are really absent). */
    public LiveService(String name, Optional<LiveSlot> a, Optional<LiveSlot> b, Optional<LiveSlot> single,
                       Optional<LiveTraffic> traffic, List<String> problems) {
        this(name, a, b, single, traffic, problems, Set.of(), Optional.empty());
    }

    /** A blue/green service, some of whose slots were deliberately not read. */
    public LiveService(String name, Optional<LiveSlot> a, Optional<LiveSlot> b, Optional<LiveSlot> single,
                       Optional<LiveTraffic> traffic, List<String> problems, Set<Slot> notRead) {
        this(name, a, b, single, traffic, problems, notRead, Optional.empty());
    }

    /** A service of AWS's own engines: its one ECS service and the deployment under way, if any. */
    public static LiveService engine(String name, Optional<LiveSlot> single, List<String> problems,
                                     Optional<EngineDeployment> deployment) {
        return new LiveService(name, Optional.empty(), Optional.empty(), single, Optional.empty(), problems, Set.of(), deployment);
    }

    /** The slot's ECS service; empty when it does not exist, or when it was not read (see {@link #wasRead}). */
    public Optional<LiveSlot> slot(Slot slot) {
        return slot == Slot.A ? a : b;
    }

    /** Whether the slot was described, so that an empty {@link #slot} means it does not exist. */
    public boolean wasRead(Slot slot) {
        return !notRead.contains(slot);
    }

    /** The slot production traffic points at, if traffic is known and points at one of the two. */
    public Optional<Slot> blue() {
        return traffic.flatMap(LiveTraffic::productionSlot);
    }
}
