package io.turnout.plan;

import io.turnout.spec.Slot;

/** DeregisterScalableTarget (its policies go with it): the spec no longer asks for auto scaling. */
public record RemoveAutoScaling(String service, Slot slot, String resourceId) implements Step {
    @Override
    public String describe() {
        return "Remove auto scaling from " + resourceId;
    }
}
