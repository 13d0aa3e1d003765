package io.turnout.spec;

import java.util.Optional;

/**
 * A strategy where one of AWS's own deployment engines moves the traffic and Turnout starts,
 * follows, verifies and rolls back: {@link EcsNative} (ECS's blue/green, linear and canary
 * deployments) and {@link CodeDeploy}. The service is one ECS service, named after the Turnout
 * service unless {@code serviceName} names an existing one; its {@code loadBalancers} are the
 * service settings' own (CreateService's, with ECS's {@code advancedConfiguration}).
 */
public sealed interface AwsEngine extends SingleService permits EcsNative, CodeDeploy {
    /** Turnout's own checks while test traffic is on the new revision; empty means "the environment's defaults". */
    Optional<Verification> verification();

    /** The deployment controller the ECS service has: {@code ECS} or {@code CODE_DEPLOY}. */
    String deploymentController();

    /** The same strategy with {@code verification} filled in (an environment's defaults). */
    AwsEngine withVerification(Verification verification);
}
