package io.turnout.spec;

import java.time.Duration;

/**
 * A rolling service's canary, as Harness runs ECS canaries: {@code tasks} tasks of the new
 * version start in a service of their own ({@code <service>--canary}) next to the old ones,
 * are verified (task health, alarms) for {@code bakeTime}, then removed, and the service is
 * rolled. A canary that fails is removed and the service is left as it was.
 */
public record Canary(int tasks, Duration bakeTime) {}
