package io.turnout.apply;

import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.HttpProbe;
import io.turnout.cloud.TargetHealthInfo;
import io.turnout.spec.HttpCheck;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One look at whether a slot can serve production: its ECS service runs all its tasks (at
 * least one), every target in its target group is healthy (ELB, when asked), and each HTTP
 * check through the stage listener answers as expected. Used by verification, by every
 * re-check during bake time, and by a resumed deployment before it trusts a slot again.
 */
record SlotCheck(String cluster, String ecsServiceName, Optional<String> targetGroupName,
                 Optional<String> targetGroupArn, boolean healthyTargets, Optional<String> stageEndpoint,
                 List<HttpCheck> httpChecks) {

    /** Throws a {@link StepFailure} saying what is wrong; waits up to {@code healthWait} for targets still {@code initial}. */
    void verify(StepContext ctx, boolean waitForInitial) {
        EcsServiceInfo s = ctx.service(cluster, ecsServiceName);
        if (s.desiredCount() == 0 || s.runningCount() < s.desiredCount()) {
            throw new StepFailure(ecsServiceName + " is not serving: " + AwaitSteadyStateRunner.status(s));
        }
        if (healthyTargets && targetGroupArn.isPresent()) targets(ctx, s, waitForInitial);
        if (!httpChecks.isEmpty()) {
            if (stageEndpoint.isEmpty()) {
                if (waitForInitial) {
                    ctx.say("HTTP checks of " + ecsServiceName + " skipped: the stage route is not an HTTP(S) listener");
                }
                return;
            }
            for (HttpCheck check : httpChecks) http(ctx, check);
        }
    }

    private void targets(StepContext ctx, EcsServiceInfo s, boolean waitForInitial) {
        Instant deadline = ctx.now().plus(ctx.settings.healthWait());
        String tg = targetGroupName.orElse(targetGroupArn.get());
        while (true) {
            List<TargetHealthInfo> health = ctx.call(() -> ctx.cloud.elb().describeTargetHealth(targetGroupArn.get()))
                    .stream().filter(t -> !"draining".equals(t.state())).toList();
            long healthy = health.stream().filter(TargetHealthInfo::healthy).count();
            List<TargetHealthInfo> bad = health.stream().filter(t -> !t.healthy()).toList();
            boolean settling = bad.stream().allMatch(t -> "initial".equals(t.state())) && !bad.isEmpty()
                    || healthy < s.runningCount() && bad.isEmpty();
            if (bad.isEmpty() && healthy >= s.runningCount() && healthy > 0) return;
            if (!waitForInitial || !settling || !ctx.now().isBefore(deadline)) {
                String reasons = bad.stream().map(t -> t.target().id() + ":" + t.target().port() + " " + t.state()
                        + (t.reason() == null ? "" : " (" + t.reason() + ")")).reduce((a, b) -> a + ", " + b).orElse("");
                throw new StepFailure(healthy + " of " + Math.max(health.size(), s.runningCount()) + " targets healthy in "
                        + tg + (reasons.isEmpty() ? "" : ": " + reasons) + "; the slot is not verified");
            }
            ctx.say("Waiting for targets of " + tg + " to pass health checks: " + healthy + "/" + s.runningCount()
                    + " healthy…");
            ctx.sleepUntilAtMost(ctx.settings.pollInterval(), deadline);
        }
    }

    private void http(StepContext ctx, HttpCheck check) {
        URI uri = URI.create(stageEndpoint.get() + (check.path().startsWith("/") ? "" : "/") + check.path());
        HttpProbe.Response r = ctx.http.get(uri, check.timeout());
        if (!r.answered()) throw new StepFailure("GET " + uri + " got no answer: " + r.body());
        if (r.status() != check.expectStatus()) {
            throw new StepFailure("GET " + uri + " answered " + r.status() + ", expected " + check.expectStatus());
        }
        if (check.expectBodyContains().isPresent() && !r.body().contains(check.expectBodyContains().get())) {
            throw new StepFailure("GET " + uri + " answered " + r.status() + " without \"" + check.expectBodyContains().get()
                    + "\" in its body");
        }
    }
}
