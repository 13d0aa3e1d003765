package io.turnout.live;

import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.Tags;
import io.turnout.cloud.TaskDefinitionInfo;
import io.turnout.spec.Slot;
import java.util.Optional;

/**
 * One ECS service of a Turnout service, with the task definition it runs and its auto
 * scaling. {@code slot} is null for a rolling service's single ECS service.
 *
 * @param taskDefinition the task definition the service runs, as DescribeTaskDefinition returns
 *                       it; null when it was not read ({@code tagsOnly}) or was deleted (then the
 *                       service has a problem saying so)
 * @param scaling        the slot's auto scaling; empty when there is none, or when not read ({@code tagsOnly})
 * @param tagsOnly       only DescribeServices was read: the slot's tags ({@link Tags#SPEC_HASH} and
 *                       {@link Tags#TASK_DEFINITION}, which equals its task definition ARN) say it runs
 *                       the effective spec with that hash, so its task definition and auto scaling were
 *                       not read. Desired count, settings and deployments are always read.
 */
public record LiveSlot(Slot slot, EcsServiceInfo service, TaskDefinitionInfo taskDefinition,
                       Optional<LiveScaling> scaling, boolean tagsOnly) {
    public LiveSlot {
        scaling = scaling == null ? Optional.empty() : scaling;
        if (tagsOnly && (taskDefinition != null || scaling.isPresent())) {
            throw new IllegalArgumentException("a slot read from its tags only has no task definition or scaling read");
        }
    }

    /** A fully read slot. */
    public LiveSlot(Slot slot, EcsServiceInfo service, TaskDefinitionInfo taskDefinition,
                    Optional<LiveScaling> scaling) {
        this(slot, service, taskDefinition, scaling, false);
    }

    /** A slot of which only DescribeServices was read, vouched for by its tags. */
    public static LiveSlot fromTags(Slot slot, EcsServiceInfo service) {
        return new LiveSlot(slot, service, null, Optional.empty(), true);
    }

    /** The spec hash the slot's tags record, if any. */
    public Optional<String> specHash() {
        return Optional.ofNullable(service.tags().get(Tags.SPEC_HASH));
    }

    /** The task definition ARN the service runs (from DescribeServices: known even when not described). */
    public String taskDefinitionArn() {
        return service.taskDefinitionArn();
    }
}
