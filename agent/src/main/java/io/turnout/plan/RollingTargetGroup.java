package io.turnout.plan;

import io.turnout.cloud.LoadBalancerBinding;
import io.turnout.spec.Rolling;
import java.util.List;
import java.util.Optional;

/** Where a rolling service is registered compared with the target group its spec names. */
final class RollingTargetGroup {
    private RollingTargetGroup() {}

    /**
     * Where the service is registered when that is not what the spec names: with no target group
     * in the spec, any; with one, anything but exactly that group (by name, from its ARN) and
     * container port.
     */
    static Optional<String> boundElsewhere(Rolling rolling, List<LoadBalancerBinding> live) {
        if (rolling.targetGroup().isEmpty()) {
            return live.isEmpty() ? Optional.empty() : Optional.of(describe(live));
        }
        Rolling.TargetGroupRoute route = rolling.targetGroup().get();
        boolean exact = live.size() == 1 && route.targetGroup().equals(ElbTrafficSteps.name(live.getFirst().targetGroupArn()))
                && route.containerName().equals(live.getFirst().containerName())
                && route.containerPort() == live.getFirst().containerPort();
        return exact ? Optional.empty() : Optional.of(live.isEmpty() ? "registered in no target group" : describe(live));
    }

    private static String describe(List<LoadBalancerBinding> bindings) {
        return "registered in " + String.join(" and ", bindings.stream().map(b -> b.targetGroupArn() == null
                ? "a load balancer (container " + b.containerName() + ":" + b.containerPort() + ")"
                : "target group " + ElbTrafficSteps.name(b.targetGroupArn()) + " (container " + b.containerName() + ":"
                + b.containerPort() + ")").toList());
    }
}
