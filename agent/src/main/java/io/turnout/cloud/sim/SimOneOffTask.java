package io.turnout.cloud.sim;

import io.turnout.cloud.EcsTaskInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A task started by RunTask: PENDING for the task start delay, RUNNING for {@link #RUN_TIME},
 * then STOPPED with its container's exit code (0, or what a fault set when it was started).
 */
record SimOneOffTask(String arn, String taskDefinitionArn, String container, Instant startedAt, int exitCode) {
    /** How long a simulated one-off task (a smoke test, a migration) runs. */
    static final Duration RUN_TIME = Duration.ofSeconds(30);

    EcsTaskInfo info(Instant now, Duration startDelay) {
        Instant running = startedAt.plus(startDelay);
        Instant stopped = running.plus(RUN_TIME);
        if (now.isBefore(running)) {
            return new EcsTaskInfo(arn, taskDefinitionArn, "PENDING", null, null,
                    List.of(new EcsTaskInfo.Container(container, null, null)));
        }
        if (now.isBefore(stopped)) {
            return new EcsTaskInfo(arn, taskDefinitionArn, "RUNNING", null, null,
                    List.of(new EcsTaskInfo.Container(container, null, null)));
        }
        return new EcsTaskInfo(arn, taskDefinitionArn, "STOPPED", "EssentialContainerExited",
                "Essential container in task exited", List.of(new EcsTaskInfo.Container(container, exitCode, null)));
    }
}
