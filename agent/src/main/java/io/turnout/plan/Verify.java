package io.turnout.plan;

import io.turnout.spec.HttpCheck;
import io.turnout.spec.Slot;
import io.turnout.spec.Verification;
import io.turnout.spec.load.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Check a slot before production traffic moves to it: healthy targets in its target group
 * (ELB), HTTP checks through {@code stageEndpoint} (the stage listener, ELB), an optional
 * one-off task, then the bake time.
 *
 * @param targetGroupName the slot's target group (ELB mode)
 * @param targetGroupArn  its ARN, for DescribeTargetHealth
 * @param stageEndpoint   {@code https://<load balancer DNS name>:<stage port>}, where HTTP checks go (ELB mode)
 */
public record Verify(String service, Slot slot, String ecsServiceName, Optional<String> targetGroupName,
                     Optional<String> targetGroupArn, Optional<String> stageEndpoint, Verification verification)
        implements Step {
    @Override
    public String describe() {
        return "Verify " + ecsServiceName + ": " + checks(verification, targetGroupName);
    }

    /** The checks of {@code v}, for people: "all targets healthy in web-b, GET /health answers 200, stays healthy for 1m". */
    static String checks(Verification v, Optional<String> targetGroupName) {
        List<String> what = new ArrayList<>();
        if (v.healthyTargets() && targetGroupName.isPresent()) {
            what.add("all targets healthy in " + targetGroupName.get());
        }
        for (HttpCheck check : v.httpChecks()) {
            what.add("GET " + check.path() + " answers " + check.expectStatus()
                    + check.expectBodyContains().map(b -> " containing \"" + b + "\"").orElse(""));
        }
        v.task().ifPresent(t -> what.add("task in container " + t.container() + " exits 0 ("
                + String.join(" ", t.command()) + ")"));
        if (!v.bakeTime().isZero()) what.add("stays healthy for " + Durations.format(v.bakeTime()));
        return what.isEmpty() ? "steady state only" : String.join(", ", what);
    }
}
