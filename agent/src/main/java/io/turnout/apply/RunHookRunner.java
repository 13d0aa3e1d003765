package io.turnout.apply;

import io.turnout.plan.RunHook;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pre-deploy task: RunTask with the new task definition before anything is scaled up to it.
 * Its end (task ARN, exit code 0) is journaled with the step, so a resumed deployment never runs
 * a migration twice once it succeeded; a failure stops the deployment with production untouched.
 */
final class RunHookRunner implements StepRunner<RunHook> {
    @Override
    public ObjectNode run(RunHook step, StepContext ctx) {
        String td = ctx.taskDefinitionArn(step.taskDefinition());
        return OneOffTask.run(ctx, "the pre-deploy task", step.cluster(), td, step.task(), step.settings()).json();
    }
}
