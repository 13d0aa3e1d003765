package io.turnout.live;

import io.turnout.cloud.TaskDefinitionInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A deployment of one of AWS's own engines that is still under way for a service: an ECS service
 * deployment (ListServiceDeployments / DescribeServiceDeployments) or a CodeDeploy deployment
 * (ListDeployments / GetDeployment and its target's lifecycle events). Stages and statuses are
 * AWS's strings.
 *
 * @param engine           {@code ecs} or {@code codeDeploy}
 * @param id               the service deployment ARN, or the CodeDeploy deployment id
 * @param stage            ECS's lifecycle stage (TEST_TRAFFIC_SHIFT …) or CodeDeploy's current lifecycle event; may be null
 * @param source           the task definition traffic moves away from (read in full), when known
 * @param target           the task definition it deploys (read in full), when known
 * @param productionWeight percent of production traffic on the target, when reported
 * @param testWeight       percent of test traffic on the target, when reported
 */
public record EngineDeployment(String engine, String id, String status, String stage, String strategy,
                               Optional<TaskDefinitionInfo> source, Optional<TaskDefinitionInfo> target,
                               Optional<Double> productionWeight, Optional<Double> testWeight, Instant startedAt) {
    /** Whether the engine is rolling it back (ECS ROLLBACK_*); a rollback is not stopped again. */
    public boolean rollingBack() {
        return status != null && status.startsWith("ROLLBACK");
    }

    /** Whether production traffic is all on the new revision and the engine only waits (ECS BAKE_TIME or later, CodeDeploy's termination wait). */
    public boolean baking() {
        return !rollingBack() && ("BAKE_TIME".equals(stage) || "CLEAN_UP".equals(stage) || "termination wait".equals(stage));
    }

    /** "TEST_TRAFFIC_SHIFT, production 100% on web:3, test 100% on web:4", for progress lines, plans and the status page. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(rollingBack() ? status + (stage == null ? "" : " (at " + stage + ")") : stage != null ? stage : status);
        String from = source.map(t -> t.family() + ":" + t.revision()).orElse("the previous revision");
        String to = target.map(t -> t.family() + ":" + t.revision()).orElse("the new revision");
        productionWeight.ifPresent(w -> parts.add(weights("production", w, from, to)));
        testWeight.ifPresent(w -> parts.add(weights("test", w, from, to)));
        return String.join(", ", parts);
    }

    /** "production 100% on web:4", "production 90% on web:3, 10% on web:4": where one route sends its traffic. */
    public static String weights(String route, double toTarget, String from, String to) {
        if (toTarget >= 100) return route + " 100% on " + to;
        if (toTarget <= 0) return route + " 100% on " + from;
        return route + " " + percent(100 - toTarget) + "% on " + from + ", " + percent(toTarget) + "% on " + to;
    }

    private static String percent(double value) {
        return value == Math.rint(value) ? Long.toString(Math.round(value)) : Double.toString(value);
    }
}
