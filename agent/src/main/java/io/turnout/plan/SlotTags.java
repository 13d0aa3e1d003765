package io.turnout.plan;

import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.Tags;
import io.turnout.diff.Normalizer;
import io.turnout.spec.EffectiveService;
import java.util.Objects;

/**
 * What a slot's tags vouch for. Turnout tags each slot it deploys with the hash of the
 * effective spec ({@link Tags#SPEC_HASH}) and the task definition ARN it deployed
 * ({@link Tags#TASK_DEFINITION}). While both still hold — the hash equals the desired spec's
 * and the service still runs that ARN — the slot's task definition and auto scaling are the
 * ones that spec describes, so the live state reader need not describe them, nor the idle
 * slot. Desired count and service settings come with DescribeServices and are compared anyway.
 */
public final class SlotTags {
    private SlotTags() {}

    /**
     * Whether {@code service} runs {@code desired} as far as its tags and its DescribeServices
     * answer tell: spec hash and task definition tags match, and its settings normalise to the
     * desired ones (a setting changed by hand means the idle slot is needed for a deployment).
     */
    public static boolean runsDesired(EffectiveService desired, EcsServiceInfo service) {
        DesiredService d = DesiredService.of(desired);
        return vouchFor(d.specHash(), service)
                && Normalizer.serviceSettings(service.settings()).equals(d.normalizedSettings());
    }

    /** The spec hash tag equals {@code specHash} and the task definition tag equals the running ARN. */
    static boolean vouchFor(String specHash, EcsServiceInfo service) {
        return specHash.equals(service.tags().get(Tags.SPEC_HASH))
                && Objects.equals(service.taskDefinitionArn(), service.tags().get(Tags.TASK_DEFINITION));
    }
}
