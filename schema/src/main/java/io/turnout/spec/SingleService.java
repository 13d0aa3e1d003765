package io.turnout.spec;

import java.util.Optional;

/**
 * A strategy whose service is one ECS service (not two slots): {@link Rolling}, and AWS's own
 * engines ({@link AwsEngine}: {@link EcsNative} and {@link CodeDeploy}).
 */
public sealed interface SingleService extends Strategy permits Rolling, AwsEngine {
    /** The ECS service's name when the spec names one (an existing service); else it is the Turnout service's. */
    Optional<String> serviceName();

    /** The ECS service of Turnout service {@code service}. */
    default String ecsServiceName(String service) {
        return serviceName().orElse(service);
    }
}
