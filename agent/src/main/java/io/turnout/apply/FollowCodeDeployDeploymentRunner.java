package io.turnout.apply;

import io.turnout.cloud.CodeDeployDeploymentInfo;
import io.turnout.cloud.CodeDeployTarget;
import io.turnout.cloud.DeploymentGroupInfo;
import io.turnout.plan.FollowCodeDeployDeployment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Follows a CodeDeploy deployment (GetDeployment, and its ECS target's lifecycle events and
 * task set weights), with a progress line whenever the event or the weights change. Turnout's
 * verification runs once test traffic is on the replacement task set (AllowTestTraffic done),
 * through the deployment group's test listener (or, without one, no HTTP checks), then
 * re-checks for the verification's bake time. Done when production is all on the replacement
 * (the original task set stays for the group's termination wait: a revert until then is
 * instant). A failed check or no end within the timeout stops it with auto rollback; a
 * deployment CodeDeploy failed or rolled back itself fails the step with its reason.
 */
final class FollowCodeDeployDeploymentRunner implements StepRunner<FollowCodeDeployDeployment> {
    private static final List<String> BEFORE_TEST_TRAFFIC = List.of("BeforeInstall", "Install", "AfterInstall", "AllowTestTraffic");

    @Override
    public ObjectNode run(FollowCodeDeployDeployment step, StepContext ctx) {
        String name = step.ecsServiceName();
        String id = ctx.engineDeployment(step.service()).filter(d -> d.startsWith("codeDeploy:"))
                .map(d -> d.substring("codeDeploy:".length()))
                .orElseThrow(() -> new StepFailure("no CodeDeploy deployment of " + name + " was created by this plan"
                        + " (its CreateDeployment step has not run): this is a bug in the plan's order"));
        DeploymentGroupInfo group = ctx.call(() -> ctx.cloud.codeDeploy().getDeploymentGroup(step.application(), step.deploymentGroup()));
        Optional<String> testListener = group.targetGroupPairs().stream().flatMap(p -> p.testListenerArns().stream()).findFirst();
        EngineChecks checks = EngineChecks.of(ctx, step.cluster(), name, step.verification(), testListener, List.of());
        Instant deadline = ctx.now().plus(step.timeout());
        String last = null;
        while (true) {
            CodeDeployDeploymentInfo d = ctx.call(() -> ctx.cloud.codeDeploy().getDeployment(id));
            Optional<CodeDeployTarget> target = ctx.call(() -> ctx.cloud.codeDeploy().deploymentTargets(id)).stream().findFirst();
            Optional<String> event = target.flatMap(CodeDeployTarget::currentEvent);
            double green = target.flatMap(t -> t.taskSets().stream().filter(s -> "Green".equals(s.label())).findFirst())
                    .map(CodeDeployTarget.TaskSet::trafficWeight).orElse(0.0);
            String seen = d.status() + event.map(e -> ", " + e).orElse("") + ", production " + Math.round(green)
                    + "% on the replacement task set";
            if (!seen.equals(last)) {
                ctx.say(seen); // the track's lines begin with the service's name already
                ctx.progress.engineStage(step.service(), seen);
            }
            last = seen;
            if (!d.active()) {
                if (d.status().equals("Succeeded")) {
                    if (!checks.started()) verifyOrStop(ctx, step, checks, id);
                    return StepRunner.nothing();
                }
                throw new StepFailure("CodeDeploy deployment " + id + " of " + name + " " + d.status()
                        + d.error().map(e -> ": " + e).orElse("") + d.rollback().map(r -> "; " + r.message()).orElse(""));
            }
            boolean testTraffic = event.isPresent() && !BEFORE_TEST_TRAFFIC.contains(event.get());
            if (testTraffic && !checks.started()) verifyOrStop(ctx, step, checks, id);
            else if (checks.started() && !checks.baked()) recheckOrStop(ctx, step, checks, id);
            if (green >= 100 && checks.started() && checks.baked()) {
                ctx.say("Production is on the replacement task set of " + name + " and verified; CodeDeploy keeps the original"
                        + " until its termination wait ends: a revert until then is instant");
                return StepRunner.nothing();
            }
            if (!ctx.now().isBefore(deadline)) {
                throw stop(ctx, step, id, "the deployment did not finish within " + StepContext.format(step.timeout()));
            }
            ctx.sleepUntilAtMost(ctx.settings.pollInterval(), deadline);
        }
    }

    private static void verifyOrStop(StepContext ctx, FollowCodeDeployDeployment step, EngineChecks checks, String id) {
        try {
            checks.verify();
        } catch (StepFailure f) {
            throw stop(ctx, step, id, "verification failed: " + f.getMessage());
        }
    }

    private static void recheckOrStop(StepContext ctx, FollowCodeDeployDeployment step, EngineChecks checks, String id) {
        try {
            checks.recheck();
        } catch (StepFailure f) {
            throw stop(ctx, step, id, "verification failed: " + f.getMessage());
        }
    }

    private static StepFailure stop(StepContext ctx, FollowCodeDeployDeployment step, String id, String why) {
        EngineRollback.Result result = EngineRollback.run(ctx, step.ecsServiceName(), "codeDeploy:" + id, why, step.timeout());
        return new StepFailure(why + "; " + result.what() + " (StopDeployment with auto rollback)");
    }
}
