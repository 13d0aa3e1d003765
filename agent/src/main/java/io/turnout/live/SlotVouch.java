package io.turnout.live;

import io.turnout.cloud.EcsServiceInfo;
import io.turnout.spec.EffectiveService;

/**
 * Whether a slot's tags vouch that it runs the desired spec, so that the reader need not describe
 * its task definition and auto scaling, nor the idle slot. The rule is the planner's
 * ({@code io.turnout.plan.SlotTags#runsDesired}, which compares spec hashes and normalised
 * settings); it is handed to the reader so that reading live state does not depend on planning.
 */
@FunctionalInterface
public interface SlotVouch {
    boolean runsDesired(EffectiveService desired, EcsServiceInfo service);

    /** Vouches for nothing: every slot is read in full. */
    SlotVouch NONE = (desired, service) -> false;
}
