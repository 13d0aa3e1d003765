package io.turnout.spec;

import java.util.Optional;

/**
 * ECS's own deployment engine: one ECS service under the ECS deployment controller, deployed by
 * ECS as {@code deploymentConfiguration.strategy} in the service settings says (BLUE_GREEN,
 * LINEAR, CANARY or ROLLING), with the load balancers' {@code advancedConfiguration} (second
 * target group, production and test listener rules) or Service Connect test traffic rules.
 */
public record EcsNative(Optional<String> serviceName, Optional<Verification> verification) implements AwsEngine {
    @Override
    public String deploymentController() {
        return "ECS";
    }

    @Override
    public EcsNative withVerification(Verification verification) {
        return new EcsNative(serviceName, Optional.of(verification));
    }
}
