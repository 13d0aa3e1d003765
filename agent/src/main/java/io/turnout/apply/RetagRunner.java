package io.turnout.apply;

import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.Tags;
import io.turnout.plan.Retag;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * BG_VERSION follows production: BLUE with the commit, spec hash and the task definition
 * ARN deployed on the new BLUE; GREEN on the other. TagResource overwrites, so re-running is safe.
 */
final class RetagRunner implements StepRunner<Retag> {
    @Override
    public ObjectNode run(Retag step, StepContext ctx) {
        EcsServiceInfo blue = ctx.service(step.cluster(), step.blueEcsServiceName());
        EcsServiceInfo green = ctx.service(step.cluster(), step.greenEcsServiceName());
        Map<String, String> blueTags = new TreeMap<>();
        blueTags.put(Tags.BG_VERSION, Tags.BLUE);
        blueTags.put(Tags.SPEC_HASH, step.specHash());
        blueTags.put(Tags.TASK_DEFINITION, blue.taskDefinitionArn());
        step.commit().ifPresent(c -> blueTags.put(Tags.COMMIT, c));
        ctx.say("Tagging " + blue.name() + " BLUE and " + green.name() + " GREEN");
        ctx.run(() -> ctx.cloud.ecs().tagResource(blue.arn(), blueTags));
        ctx.run(() -> ctx.cloud.ecs().tagResource(green.arn(), Map.of(Tags.BG_VERSION, Tags.GREEN)));
        return StepRunner.nothing();
    }
}
