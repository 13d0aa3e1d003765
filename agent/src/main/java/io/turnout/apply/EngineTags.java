package io.turnout.apply;

import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.Tags;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tags a service of AWS's own engines carries once a deployment starts: the plan's
 * {@code turnout:*} tags, the task definition deployed, and what it ran before (spec hash and task
 * definition), so that a revert after the deployment is over is planned as a rollback to it. A
 * step run again (the service already runs the new task definition) keeps the "before" it wrote.
 */
final class EngineTags {
    private EngineTags() {}

    static void write(StepContext ctx, EcsServiceInfo before, Map<String, String> planned, String taskDefinitionArn) {
        Map<String, String> tags = new TreeMap<>(planned);
        tags.put(Tags.TASK_DEFINITION, taskDefinitionArn);
        if (!taskDefinitionArn.equals(before.taskDefinitionArn())) {
            tags.put(Tags.PREVIOUS_TASK_DEFINITION, before.taskDefinitionArn());
            String hash = before.tags().get(Tags.SPEC_HASH);
            // a service Turnout did not deploy before has no hash: an unknown one never matches a spec
            tags.put(Tags.PREVIOUS_SPEC_HASH, hash == null ? "unknown" : hash);
        }
        ctx.run(() -> ctx.cloud.ecs().tagResource(before.arn(), tags));
    }
}
