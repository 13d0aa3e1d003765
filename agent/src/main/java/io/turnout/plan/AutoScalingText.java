package io.turnout.plan;

import io.turnout.spec.AutoScaling;
import java.util.stream.Collectors;

/** How auto scaling reads in a step description: {@code 2–10 tasks, policies cpu-60}. */
final class AutoScalingText {
    private AutoScalingText() {}

    static String describe(AutoScaling scaling) {
        String policies = scaling.policies().stream().map(p -> p.path("PolicyName").asString("?")).sorted()
                .collect(Collectors.joining(", "));
        return scaling.minCapacity() + "–" + scaling.maxCapacity() + " tasks"
                + (policies.isEmpty() ? "" : ", policies " + policies);
    }
}
