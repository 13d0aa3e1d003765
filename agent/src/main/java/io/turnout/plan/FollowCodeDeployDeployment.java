package io.turnout.plan;

import io.turnout.spec.Verification;
import io.turnout.spec.load.Durations;
import java.time.Duration;
import java.util.Optional;

/**
 * Follows the CodeDeploy deployment the step before created (GetDeployment, its ECS target's
 * lifecycle events and task set weights) and runs Turnout's verification once test traffic is on
 * the replacement task set, through the deployment group's test listener. Done when production
 * is all on the replacement (CodeDeploy keeps the original until its termination wait ends: a
 * revert within it is instant). A failed check or no end within {@code timeout} stops it with
 * auto rollback; a deployment CodeDeploy failed or rolled back itself fails the step.
 */
public record FollowCodeDeployDeployment(String service, String cluster, String ecsServiceName, String application,
                                         String deploymentGroup, Verification verification, Duration timeout) implements Step {
    @Override
    public String describe() {
        return "Follow the CodeDeploy deployment of " + ecsServiceName + " event by event; verify through the test listener: "
                + Verify.checks(verification, Optional.empty()) + "; stop it with auto rollback if a check fails or it has not"
                + " finished within " + Durations.format(timeout);
    }
}
