package io.turnout.spec.load;

import java.util.List;

/**
 * The tags Turnout writes on the resources it creates, counted against AWS's 50 tags per
 * resource (the agent's {@code io.turnout.cloud.Tags} writes them; a test there keeps the two
 * in step). A spec's own tags plus these must stay within the limit.
 */
public final class TurnoutTags {
    private TurnoutTags() {}

    /** On each registered task definition revision. */
    public static final List<String> TASK_DEFINITION = List.of("turnout:environment", "turnout:service");
    /** On each blue/green slot (ECS service). */
    public static final List<String> BLUE_GREEN_SLOT = List.of("BG_VERSION", "turnout:environment", "turnout:service", "turnout:slot",
            "turnout:commit", "turnout:spec-hash", "turnout:task-definition");
    /** On a rolling service. */
    public static final List<String> ROLLING_SERVICE = List.of("turnout:environment", "turnout:service", "turnout:commit",
            "turnout:spec-hash", "turnout:task-definition");
    /**
     * On a service of AWS's own engines (strategy ecs or codeDeploy): a rolling service's, and what
     * it ran before its last deployment (so that a revert after it is planned as a rollback).
     */
    public static final List<String> ENGINE_SERVICE = List.of("turnout:environment", "turnout:service", "turnout:commit",
            "turnout:spec-hash", "turnout:task-definition", "turnout:previous-task-definition", "turnout:previous-spec-hash");
    /** On a rolling service's canary ({@code <service>--canary}): the rolling service's tags and its own marker. */
    public static final List<String> CANARY_SERVICE = List.of("turnout:environment", "turnout:service", "turnout:commit",
            "turnout:spec-hash", "turnout:task-definition", "turnout:canary");
}
