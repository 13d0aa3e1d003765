package io.turnout.apply;

import io.turnout.cloud.ServiceDeploymentInfo;
import io.turnout.live.EngineDeployment;
import io.turnout.plan.FollowEcsDeployment;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Follows an ECS service deployment stage by stage (DescribeServiceDeployments every poll
 * interval), with a progress line whenever its stage or traffic weights change. Turnout's
 * verification runs once test traffic is on the new revision (once the deployment succeeded,
 * for ROLLING and first deployments, which have no test traffic), then re-checks for the
 * verification's bake time. Done when production is all on the new revision and Turnout's bake
 * time is over: ECS bakes on by itself, the old revision still running, so a revert until then
 * is instant. A failed check, a stage that has not moved for {@code stallTimeout} or no end
 * within {@code timeout} stop the deployment with ROLLBACK; a rollback ECS made itself (a failed
 * hook, an alarm, the circuit breaker) fails the step with ECS's reason. Either way the failure
 * says what ECS rolled back to.
 *
 * <p>ECS does not wait for Turnout (this SDK has no PAUSE hooks nor ContinueServiceDeployment):
 * without a lifecycle hook that holds the test traffic stage, ECS may shift production while the
 * checks run; a failure then still rolls back at once, as the old revision keeps running.
 */
final class FollowEcsDeploymentRunner implements StepRunner<FollowEcsDeployment> {
    private static final List<String> BEFORE_TEST_TRAFFIC = List.of("RECONCILE_SERVICE", "PRE_SCALE_UP", "SCALE_UP", "POST_SCALE_UP");
    private static final List<String> PRODUCTION_ON_NEW = List.of("BAKE_TIME", "CLEAN_UP");

    @Override
    public ObjectNode run(FollowEcsDeployment step, StepContext ctx) {
        String name = step.ecsServiceName();
        Optional<String> arn = ctx.engineDeployment(step.service()).filter(id -> id.startsWith("ecs:")).map(id -> id.substring(4))
                .or(() -> StartEcsDeploymentRunner.newest(ctx, step.cluster(), name));
        EngineChecks checks = EngineChecks.of(ctx, step.cluster(), name, step.verification(), step.testListenerRule(), step.alarms());
        if (arn.isEmpty()) {
            // no service deployment (only the count or settings ECS applies in place changed)
            AwaitSteadyStateRunner.await(ctx, step.cluster(), name, step.timeout());
            checks.verify();
            return StepRunner.nothing();
        }
        String id = arn.get();
        Instant deadline = ctx.now().plus(step.timeout());
        String lastSeen = null;
        String stage = null;
        Revisions revisions = null;
        Instant stageSince = ctx.now();
        while (true) {
            ServiceDeploymentInfo d = EngineRollback.describe(ctx, id);
            if (revisions == null) revisions = Revisions.of(ctx, d);
            String seen = progress(step, d, revisions);
            if (!seen.equals(lastSeen)) {
                ctx.say(seen); // the track's lines begin with the service's name already
                ctx.progress.engineStage(step.service(), seen);
            }
            lastSeen = seen;
            if (d.rollingBack() || d.status().equals("STOPPED") || d.status().equals("STOP_REQUESTED")) {
                String what = EngineRollback.run(ctx, name, "ecs:" + id, "ECS stopped it", step.stallTimeout()).what();
                throw new StepFailure("ECS stopped the deployment of " + name + ": " + Optional.ofNullable(d.statusReason())
                        .or(() -> d.rollback().map(ServiceDeploymentInfo.Rollback::reason)).orElse(d.status()) + "; " + what);
            }
            boolean succeeded = d.status().equals("SUCCESSFUL");
            boolean testTraffic = succeeded || d.sources().isEmpty() ? succeeded
                    : d.lifecycleStage() != null && !BEFORE_TEST_TRAFFIC.contains(d.lifecycleStage());
            try {
                if (testTraffic && !checks.started()) checks.verify();
                else if (checks.started() && !checks.baked()) checks.recheck();
            } catch (StepFailure f) {
                throw stop(ctx, step, id, "verification failed: " + f.getMessage());
            }
            boolean productionOnNew = succeeded || d.lifecycleStage() != null && PRODUCTION_ON_NEW.contains(d.lifecycleStage());
            if (productionOnNew && checks.started() && checks.baked()) {
                ctx.say(succeeded ? "ECS deployment of " + name + " succeeded" : "Production is on the new revision of " + name
                        + " and verified; ECS keeps the old one for the bake time (" + d.bakeTimeInMinutes() + "m): a revert until"
                        + " then is instant");
                return StepRunner.nothing();
            }
            if (!Objects.equals(stage, d.lifecycleStage())) {
                stage = d.lifecycleStage();
                stageSince = ctx.now();
            } else if (!ctx.now().isBefore(stageSince.plus(step.stallTimeout()))) {
                throw stop(ctx, step, id, "lifecycle stage " + stage + " did not move for " + StepContext.format(step.stallTimeout()));
            }
            if (!ctx.now().isBefore(deadline)) {
                throw stop(ctx, step, id, "the deployment did not finish within " + StepContext.format(step.timeout()));
            }
            ctx.sleepUntilAtMost(ctx.settings.pollInterval(), deadline);
        }
    }

    private static StepFailure stop(StepContext ctx, FollowEcsDeployment step, String id, String why) {
        String what = EngineRollback.run(ctx, step.ecsServiceName(), "ecs:" + id, why, step.stallTimeout()).what();
        return new StepFailure(why + "; " + what + " (StopServiceDeployment ROLLBACK)");
    }

    /** The task definitions of the deployment's two revisions ({@code web:3}), read once: they do not change. */
    private record Revisions(String from, String to) {
        static Revisions of(StepContext ctx, ServiceDeploymentInfo d) {
            return new Revisions(d.sources().stream().findFirst().map(s -> EngineRollback.revisionTaskDefinition(ctx, s.arn()))
                    .orElse("nothing"), d.target().map(t -> EngineRollback.revisionTaskDefinition(ctx, t.arn())).orElse("the new revision"));
        }
    }

    /** "TEST_TRAFFIC_SHIFT, production 100% on web:3, test 100% on web:4". */
    private static String progress(FollowEcsDeployment step, ServiceDeploymentInfo d, Revisions r) {
        StringBuilder s = new StringBuilder(d.lifecycleStage() != null ? d.lifecycleStage() : d.status());
        Optional<Double> production = d.target().map(ServiceDeploymentInfo.Revision::productionTrafficWeight);
        Optional<Double> test = d.target().map(ServiceDeploymentInfo.Revision::testTrafficWeight);
        production.ifPresent(w -> s.append(", ").append(EngineDeployment.weights("production", w, r.from(), r.to())));
        test.ifPresent(w -> s.append(", ").append(EngineDeployment.weights("test", w, r.from(), r.to())));
        if (production.isEmpty()) s.append(" (").append(step.strategy()).append(" to ").append(r.to()).append(")");
        return s.toString();
    }
}
