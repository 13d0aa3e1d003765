package io.turnout.plan;

import io.turnout.spec.Verification;
import io.turnout.spec.load.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Follows the ECS service deployment the step before started (ListServiceDeployments,
 * DescribeServiceDeployments) stage by stage, and runs Turnout's verification once test traffic
 * is on the new revision: HTTP checks through {@code testListenerRule}, the alarms, the one-off
 * task, then re-checks for the verification's bake time. Done when production is all on the new
 * revision (ECS bakes on by itself: a revert within the bake time is instant). A failed check, no
 * end within {@code timeout} or a stage that does not move for {@code stallTimeout} stops the
 * deployment with ROLLBACK; a rollback ECS made itself (hook, alarm, circuit breaker) fails it.
 *
 * @param alarms the CloudWatch alarms that must stay out of ALARM (deploymentConfiguration.alarms)
 */
public record FollowEcsDeployment(String service, String cluster, String ecsServiceName, String strategy,
                                  Verification verification, Optional<String> testListenerRule, List<String> alarms,
                                  Duration timeout, Duration stallTimeout) implements Step {
    public FollowEcsDeployment {
        alarms = List.copyOf(alarms);
    }

    @Override
    public String describe() {
        String checks = Verify.checks(verification, Optional.empty());
        return "Follow ECS's " + strategy + " deployment of " + ecsServiceName + " stage by stage; verify "
                + (testListenerRule.isPresent() ? "through the test listener rule" : "the new revision") + ": " + checks
                + (alarms.isEmpty() ? "" : ", alarms " + String.join(", ", alarms) + " not in ALARM")
                + "; stop it with ROLLBACK if a check fails or it has not finished within " + Durations.format(timeout);
    }
}
