package io.turnout.cloud;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One ECS service deployment as DescribeServiceDeployments returns it. Status, lifecycle stage
 * and strategy are AWS's strings (read through the SDK's {@code …AsString()} getters), so a stage
 * or status newer than the SDK still reads and shows; {@code lifecycleStage} is null when ECS
 * reports none.
 *
 * @param sources  the revisions the deployment moves away from (one, or none on a first deployment)
 * @param target   the revision it deploys
 * @param strategy BLUE_GREEN, LINEAR, CANARY or ROLLING (null when not reported)
 * @param rollback set once ECS rolls back: why, and to which revision
 */
public record ServiceDeploymentInfo(String arn, String serviceArn, String status, String statusReason,
                                    String lifecycleStage, List<Revision> sources, Optional<Revision> target,
                                    String strategy, int bakeTimeInMinutes, Optional<Rollback> rollback,
                                    Instant createdAt, Instant updatedAt) {
    /** ECS is still working on it: PENDING, IN_PROGRESS, STOP_REQUESTED, ROLLBACK_REQUESTED, ROLLBACK_IN_PROGRESS. */
    public static final Set<String> ACTIVE_STATUSES = Set.of("PENDING", "IN_PROGRESS", "STOP_REQUESTED",
            "ROLLBACK_REQUESTED", "ROLLBACK_IN_PROGRESS");

    /** One side of the deployment: a service revision, its tasks and the traffic it takes (percent, null when not reported). */
    public record Revision(String arn, int requestedTasks, int runningTasks, int pendingTasks, Double testTrafficWeight,
                           Double productionTrafficWeight) {}

    /** Why ECS rolled back, when, and the revision it went back to. */
    public record Rollback(String reason, Instant startedAt, String serviceRevisionArn) {}

    public ServiceDeploymentInfo {
        sources = List.copyOf(sources);
    }

    /** Whether ECS is still working on it (including a rollback in progress). */
    public boolean active() {
        return ACTIVE_STATUSES.contains(status);
    }

    /** Whether it is rolling back or rolled back. */
    public boolean rollingBack() {
        return status != null && status.startsWith("ROLLBACK");
    }
}
