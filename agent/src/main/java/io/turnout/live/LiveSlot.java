package io.turnout.live;

import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.TaskDefinitionInfo;
import java.util.Optional;

/**
 * One ECS service of a Turnout service, with the task definition it runs and its auto
 * scaling. {@code slot} is null for a rolling service's single ECS service.
 */
public record LiveSlot(io.turnout.spec.Slot slot, EcsServiceInfo service, TaskDefinitionInfo taskDefinition,
                       Optional<LiveScaling> scaling) {}
