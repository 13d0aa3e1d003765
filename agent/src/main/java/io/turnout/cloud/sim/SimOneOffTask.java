package io.turnout.cloud.sim;

import io.turnout.cloud.EcsTaskInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A task started by RunTask: PENDING for the task start delay, RUNNING for {@link #RUN_TIME},
 * then STOPPED with its container's exit code (0, or what a fault set when it was started). A
 * fault may instead make it stop before it ran (CannotPullContainerError: no exit code) or run
 * for ever.
 */
record SimOneOffTask(String arn, String taskDefinitionArn, String container, Instant startedAt, Ending ending) {
    /** How long a simulated one-off task (a smoke test, a migration) runs. */
    static final Duration RUN_TIME = Duration.ofSeconds(30);

    /** How a task ends: with an exit code, stopped before it ran (exit code null, a reason), or never. */
    record Ending(Integer exitCode, String stopCode, String stoppedReason, boolean never) {
        static Ending exit(int code) {
            return new Ending(code, "EssentialContainerExited", "Essential container in task exited", false);
        }

        static Ending failToStart(String reason) {
            return new Ending(null, "TaskFailedToStart", reason, false);
        }

        static final Ending NEVER = new Ending(null, null, null, true);
    }

    EcsTaskInfo info(Instant now, Duration startDelay) {
        Instant running = startedAt.plus(startDelay);
        Instant stopped = running.plus(RUN_TIME);
        boolean failsToStart = !ending.never() && ending.exitCode() == null;
        if (failsToStart && !now.isBefore(running)) return stoppedInfo();
        if (now.isBefore(running)) return status("PENDING");
        if (ending.never() || now.isBefore(stopped)) return status("RUNNING");
        return stoppedInfo();
    }

    private EcsTaskInfo status(String lastStatus) {
        return new EcsTaskInfo(arn, taskDefinitionArn, lastStatus, null, null,
                List.of(new EcsTaskInfo.Container(container, null, null)));
    }

    private EcsTaskInfo stoppedInfo() {
        return new EcsTaskInfo(arn, taskDefinitionArn, "STOPPED", ending.stopCode(), ending.stoppedReason(),
                List.of(new EcsTaskInfo.Container(container, ending.exitCode(),
                        ending.exitCode() == null ? ending.stoppedReason() : null)));
    }
}
