package io.turnout.cloud;

import java.util.List;

/**
 * A task as DescribeTasks returns it. {@code lastStatus} PROVISIONING, PENDING, RUNNING …
 * STOPPED; a stopped task has a {@code stopCode} (EssentialContainerExited, TaskFailedToStart …)
 * and each container its exit code (null when it never ran).
 */
public record EcsTaskInfo(String arn, String taskDefinitionArn, String lastStatus, String stopCode,
                          String stoppedReason, List<Container> containers) {
    public record Container(String name, Integer exitCode, String reason) {}

    public EcsTaskInfo {
        containers = List.copyOf(containers);
    }

    public boolean stopped() {
        return "STOPPED".equals(lastStatus);
    }
}
