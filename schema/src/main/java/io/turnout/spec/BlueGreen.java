package io.turnout.spec;

import java.util.Optional;

/**
 * Two long-lived ECS services (slots a and b); a deployment updates the idle one, verifies
 * it, then moves production traffic. {@code verification} empty means "the environment's
 * defaults". {@code slots} names existing ECS services adopted as slots; a slot it does not
 * name is Turnout's own {@code <service>--<slot>}.
 */
public record BlueGreen(Traffic traffic, Optional<Verification> verification, Optional<AutoScaling> autoScaling,
                        Optional<SlotNames> slots) implements Strategy {
    public BlueGreen {
        slots = slots == null ? Optional.empty() : slots.filter(s -> s.a().isPresent() || s.b().isPresent());
    }

    /** Turnout's own slots, {@code <service>--a} and {@code <service>--b}. */
    public BlueGreen(Traffic traffic, Optional<Verification> verification, Optional<AutoScaling> autoScaling) {
        this(traffic, verification, autoScaling, Optional.empty());
    }

    /** The ECS service of {@code slot}: the adopted one the spec names, else {@code <service>--<slot>}. */
    public String ecsServiceName(String service, Slot slot) {
        return slots.flatMap(s -> s.get(slot)).orElse(slot.ecsServiceName(service));
    }

    /** Both slots' ECS service names. */
    public SlotPair<String> ecsServiceNames(String service) {
        return new SlotPair<>(ecsServiceName(service, Slot.A), ecsServiceName(service, Slot.B));
    }

    /** Whether the spec names an existing ECS service for {@code slot} (an adopted slot). */
    public boolean adopted(Slot slot) {
        return slots.flatMap(s -> s.get(slot)).isPresent();
    }

    /** The ECS services a spec adopts as slots ({@code strategy.blueGreen.slots}); either may be left to Turnout. */
    public record SlotNames(Optional<String> a, Optional<String> b) {
        public Optional<String> get(Slot slot) {
            return slot == Slot.A ? a : b;
        }
    }
}
