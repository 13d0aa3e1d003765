package io.turnout.plan;

import io.turnout.live.LiveSlot;
import java.util.Optional;

/**
 * What updating an existing slot that does not serve production takes — the GREEN slot of a
 * deployment, or the slot a first deployment goes to: nothing ECS sets only at creation may
 * differ from the spec (it would be a replacement, which Turnout never does); and when its ECS
 * service is registered elsewhere than the spec binds the slot (an adopted service), the update
 * moves it there (ELB), so that its new tasks never register where production points.
 *
 * @param problem why the slot cannot be updated, if it cannot
 * @param rebind  where the update moves it, when it must
 * @param note    what the plan says about the move
 */
record IdleSlotUpdate(Optional<String> problem, Optional<SlotBinding> rebind, Optional<String> note) {
    static IdleSlotUpdate of(DesiredService desired, TrafficSteps traffic, LiveSlot slot) {
        Optional<String> creationOnly = CreationOnlySettings.problem(desired, slot);
        if (creationOnly.isPresent()) return new IdleSlotUpdate(creationOnly, Optional.empty(), Optional.empty());
        String name = slot.service().name();
        SlotBinding binding = traffic.binding(slot.slot());
        Optional<String> elsewhere = traffic.boundElsewhere(slot.slot(), slot.service());
        if (elsewhere.isEmpty()) return new IdleSlotUpdate(Optional.empty(), Optional.empty(), Optional.empty());
        if (binding.loadBalancer().isEmpty()) {
            return new IdleSlotUpdate(Optional.of("ECS service " + name + " (slot " + slot.slot().id() + ") is "
                    + elsewhere.get() + ", while the spec binds it to " + binding.describe()
                    + ": register it there, or fix the spec"), Optional.empty(), Optional.empty());
        }
        return new IdleSlotUpdate(Optional.empty(), Optional.of(binding), Optional.of(name + " is " + elsewhere.get()
                + ": the update moves it to " + binding.describe() + ", so its new tasks never serve production unverified"));
    }
}
