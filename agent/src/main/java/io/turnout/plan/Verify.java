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
        List<String> what = new ArrayList<>();
        if (verification.healthyTargets() && targetGroupName.isPresent()) {
            what.add("all targets healthy in " + targetGroupName.get());
        }
        for (HttpCheck check : verification.httpChecks()) {
            what.add("GET " + check.path() + " answers " + check.expectStatus()
                    + check.expectBodyContains().map(b -> " containing \"" + b + "\"").orElse(""));
        }
        verification.task().ifPresent(t -> what.add("task in container " + t.container() + " exits 0 ("
                + String.join(" ", t.command()) + ")"));
        if (!verification.bakeTime().isZero()) what.add("stays healthy for " + Durations.format(verification.bakeTime()));
        return "Verify " + ecsServiceName + ": " + (what.isEmpty() ? "steady state only" : String.join(", ", what));
    }
}
