package io.turnout.cloud;

import java.util.List;
import java.util.Optional;

/**
 * The ECS target of a CodeDeploy deployment (BatchGetDeploymentTargets' ecsTarget): the lifecycle
 * events with their status, and the task sets with the traffic each takes.
 */
public record CodeDeployTarget(String id, String status, List<LifecycleEvent> lifecycleEvents, List<TaskSet> taskSets) {
    /** A lifecycle event (BeforeInstall … AfterAllowTraffic) and its status (Pending, InProgress, Succeeded, Failed, Skipped). */
    public record LifecycleEvent(String name, String status) {}

    /**
     * A task set: {@code label} Blue (original) or Green (replacement), its task definition when
     * reported, tasks, and the percentage of production traffic it takes.
     */
    public record TaskSet(String id, String label, String taskDefinitionArn, long desiredCount, long runningCount,
                          double trafficWeight, String targetGroup) {}

    /** The lifecycle event under way: the first InProgress one; "termination wait" once every event is done. */
    public Optional<String> currentEvent() {
        Optional<String> running = lifecycleEvents.stream().filter(e -> "InProgress".equals(e.status())).map(LifecycleEvent::name)
                .findFirst();
        if (running.isPresent()) return running;
        boolean done = !lifecycleEvents.isEmpty() && lifecycleEvents.stream()
                .allMatch(e -> "Succeeded".equals(e.status()) || "Skipped".equals(e.status()));
        return done ? Optional.of("termination wait") : lifecycleEvents.stream().filter(e -> "Pending".equals(e.status()))
                .map(LifecycleEvent::name).findFirst();
    }

    public CodeDeployTarget {
        lifecycleEvents = List.copyOf(lifecycleEvents);
        taskSets = List.copyOf(taskSets);
    }
}
