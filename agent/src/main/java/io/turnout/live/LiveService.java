package io.turnout.live;

import io.turnout.spec.Slot;
import io.turnout.spec.SlotPair;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One Turnout service as AWS has it now.
 *
 * @param name     the Turnout service name
 * @param a        slot a's ECS service (named in {@code slotNames}), when it exists and is not INACTIVE
 * @param b        slot b's, likewise
 * @param single   the one ECS service of a rolling service or of AWS's own engines (named after the
 *                 service unless the spec names an existing one)
 * @param traffic  ELB or DNS traffic state for blue/green services; empty for rolling ones
 * @param problems what is missing or contradictory, by name, e.g.
 *                 "target group web-tg-b not found"; the planner refuses to plan a
 *                 deployment while there is any
 * @param notRead  slots that were deliberately not described (the GREEN slot of a service whose BLUE
 *                 slot runs the desired spec, as its tags say): for these, an empty {@code a}/{@code b}
 *                 means "not read", never "absent"
 * @param slotNames the ECS service names of the slots ({@code <name>--a}/{@code <name>--b}, or the
 *                 existing services the spec adopts), whether they exist or not
 * @param deployment the deployment AWS's own engine (strategy ecs or codeDeploy) is carrying out for
 *                 the service's one ECS service now; empty when none is under way
 */
public record LiveService(String name, Optional<LiveSlot> a, Optional<LiveSlot> b, Optional<LiveSlot> single,
                          Optional<LiveTraffic> traffic, List<String> problems, Set<Slot> notRead,
                          SlotPair<String> slotNames, Optional<EngineDeployment> deployment) {
    public LiveService {
        deployment = deployment == null ? Optional.empty() : deployment;
        problems = List.copyOf(problems);
        slotNames = slotNames == null ? new SlotPair<>(Slot.A.ecsServiceName(name), Slot.B.ecsServiceName(name)) : slotNames;
        notRead = notRead == null || notRead.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(notRead));
        for (Slot s : notRead) {
            if ((s == Slot.A ? a : b).isPresent()) {
                throw new IllegalArgumentException("slot " + s.id() + " of " + name + " is both read and not read");
            }
        }
    }

    /** A service with no engine deployment under way (blue/green or rolling). */
    public LiveService(String name, Optional<LiveSlot> a, Optional<LiveSlot> b, Optional<LiveSlot> single,
                       Optional<LiveTraffic> traffic, List<String> problems, Set<Slot> notRead, SlotPair<String> slotNames) {
        this(name, a, b, single, traffic, problems, notRead, slotNames, Optional.empty());
    }

    /** A service with Turnout's own slot names ({@code <name>--a}, {@code <name>--b}). */
    public LiveService(String name, Optional<LiveSlot> a, Optional<LiveSlot> b, Optional<LiveSlot> single,
                       Optional<LiveTraffic> traffic, List<String> problems, Set<Slot> notRead) {
        this(name, a, b, single, traffic, problems, notRead, null, Optional.empty());
    }

    /** A service whose slots were all read (absent ones are really absent), with Turnout's own slot names. */
    public LiveService(String name, Optional<LiveSlot> a, Optional<LiveSlot> b, Optional<LiveSlot> single,
                       Optional<LiveTraffic> traffic, List<String> problems) {
        this(name, a, b, single, traffic, problems, Set.of(), null, Optional.empty());
    }

    /** A service of AWS's own engines: its one ECS service and the deployment under way, if any. */
    public static LiveService engine(String name, Optional<LiveSlot> single, List<String> problems,
                                     Optional<EngineDeployment> deployment) {
        return new LiveService(name, Optional.empty(), Optional.empty(), single, Optional.empty(), problems, Set.of(), null,
                deployment);
    }

    /** The slot's ECS service; empty when it does not exist, or when it was not read (see {@link #wasRead}). */
    public Optional<LiveSlot> slot(Slot slot) {
        return slot == Slot.A ? a : b;
    }

    /** Whether the slot was described, so that an empty {@link #slot} means it does not exist. */
    public boolean wasRead(Slot slot) {
        return !notRead.contains(slot);
    }

    /** The ECS service name of {@code slot}, whether it exists or not. */
    public String slotName(Slot slot) {
        return slotNames.get(slot);
    }

    /**
     * The slot serving production, if traffic is known and serves exactly one of the two: the
     * DNS record with the higher weight; behind a load balancer, the slot whose ECS service is
     * registered in the target group production forwards to ({@link ServingSlot}).
     */
    public Optional<Slot> blue() {
        return serving().slot();
    }

    /**
     * The slot whose target group (or DNS record) production points at as the spec binds the
     * slots, whether its ECS service exists, is registered there, or not: where a first
     * deployment must not put its unverified tasks.
     */
    public Optional<Slot> pointedAt() {
        return traffic.flatMap(LiveTraffic::productionSlot);
    }

    /** Why no slot can be called BLUE although both are registered where production points, if that is so. */
    public Optional<String> servingProblem() {
        return serving().problem();
    }

    private ServingSlot serving() {
        return ServingSlot.of(this);
    }
}
