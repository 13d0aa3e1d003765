package io.turnout.apply;

import io.turnout.cloud.EcsTaskInfo;
import io.turnout.cloud.RunTaskRequest;
import io.turnout.spec.TaskCheck;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One RunTask with a command override, followed until it stops: the verification task and the
 * pre-deploy task. It passes when its container exits 0 within the timeout; otherwise the
 * {@link StepFailure} says how it ended — the exit code, or ECS's stop code and stopped reason
 * when the container never ran (an image that cannot be pulled), or that it ran out of time.
 */
final class OneOffTask {
    private OneOffTask() {
    }

    /** How the task ended, journaled with the step. */
    record Ended(String taskArn, int exitCode) {
        ObjectNode json() {
            return StepRunner.nothing().put("taskArn", taskArn).put("exitCode", exitCode);
        }
    }

    /**
     * @param what     how people call it: "the verification task", "the pre-deploy task"
     * @param settings the service settings RunTask takes too ({@link RunTaskRequest#SETTINGS})
     */
    static Ended run(StepContext ctx, String what, String cluster, String taskDefinitionArn, TaskCheck check, JsonNode settings) {
        ctx.say("Running " + what + ": " + String.join(" ", check.command()) + " in container " + check.container() + " of "
                + AwaitSteadyStateRunner.revision(taskDefinitionArn));
        JsonNode runSettings = runTaskSettings(settings);
        EcsTaskInfo task = ctx.call(() -> ctx.cloud.ecs().runTask(new RunTaskRequest(cluster, taskDefinitionArn,
                check.container(), check.command(), runSettings, "turnout")));
        Instant deadline = ctx.now().plus(check.timeout());
        String last = null;
        while (!task.stopped()) {
            if (!ctx.now().isBefore(deadline)) {
                throw new StepFailure(what + " " + task.arn() + " did not finish within " + StepContext.format(check.timeout())
                        + " (still " + task.lastStatus() + "); stop it in the ECS console");
            }
            if (!task.lastStatus().equals(last)) ctx.say(capitalized(what) + " is " + task.lastStatus() + "…");
            last = task.lastStatus();
            ctx.sleepUntilAtMost(ctx.settings.pollInterval(), deadline);
            String arn = task.arn();
            List<EcsTaskInfo> found = ctx.call(() -> ctx.cloud.ecs().describeTasks(cluster, List.of(arn)));
            if (found.isEmpty()) throw new StepFailure(what + " " + arn + " disappeared");
            task = found.getFirst();
        }
        EcsTaskInfo stopped = task;
        Optional<EcsTaskInfo.Container> container = stopped.containers().stream()
                .filter(c -> c.name().equals(check.container())).findFirst();
        Integer exit = container.map(EcsTaskInfo.Container::exitCode).orElse(null);
        if (exit == null) {
            throw new StepFailure(what + " (" + String.join(" ", check.command()) + ") stopped before its container ran: "
                    + stopped.stopCode() + ": " + stopped.stoppedReason() + " (task " + stopped.arn() + ")");
        }
        if (exit != 0) {
            throw new StepFailure(what + " (" + String.join(" ", check.command()) + ") exited with code " + exit
                    + " (" + stopped.stopCode() + ": " + stopped.stoppedReason() + "); see its logs (task " + stopped.arn() + ")");
        }
        ctx.say(capitalized(what) + " exited 0");
        return new Ended(stopped.arn(), exit);
    }

    /** The members of the service's settings that RunTask accepts. */
    static JsonNode runTaskSettings(JsonNode settings) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String member : RunTaskRequest.SETTINGS) {
            if (settings.has(member)) out.set(member, settings.get(member).deepCopy());
        }
        return out;
    }

    private static String capitalized(String what) {
        return Character.toUpperCase(what.charAt(0)) + what.substring(1);
    }
}
