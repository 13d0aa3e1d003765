package io.turnout.spec.load;

import java.util.Map;
import java.util.Optional;

/**
 * Fields of AWS requests that Turnout fills in itself, so a spec must not set them. Each comes
 * with where Turnout takes the value from, because "unknown field 'cluster'" alone would
 * leave a person who knows the CreateService API puzzled.
 */
final class TurnoutOwnedFields {
    private TurnoutOwnedFields() {}

    private static final Map<String, String> SERVICE = Map.of(
            "cluster", "Turnout sets cluster from the environment's spec.cluster",
            "serviceName", "Turnout names the ECS services from metadata.name: <name>--a and <name>--b for blue/green, <name> for rolling; to adopt existing services name them in spec.strategy.blueGreen.slots or spec.strategy.rolling.serviceName",
            "taskDefinition", "Turnout registers spec.taskDefinition and points each slot at the revision it registered",
            "serviceRegistries", "Turnout sets serviceRegistries from spec.strategy.blueGreen.traffic.dns.cloudMapServices (the slot's Cloud Map service)",
            "deploymentController", "the strategy sets the deployment controller: spec.strategy.blueGreen and spec.strategy.rolling use ECS, spec.strategy.ecs ECS's own blue/green, spec.strategy.codeDeploy CODE_DEPLOY",
            "role", "Turnout leaves role unset so that ECS uses its service-linked role, which load-balanced services need",
            "schedulingStrategy", "Turnout runs REPLICA services only (DAEMON services cannot have two slots or a desired count)");

    private static final Map<String, String> SCALING_POLICY = Map.of(
            "ServiceNamespace", "Turnout sets ServiceNamespace to ecs",
            "ResourceId", "Turnout sets ResourceId to the BLUE slot's service/<cluster>/<service>--<slot>",
            "ScalableDimension", "Turnout sets ScalableDimension to ecs:service:DesiredCount");

    /** Why {@code field} under the object at {@code pointer} belongs to Turnout, if it does. */
    static Optional<String> explain(String pointer, String field) {
        if (pointer.endsWith("/spec/service") || pointer.matches("/spec/overrides/[^/]+/service")) {
            return Optional.ofNullable(SERVICE.get(field));
        }
        if (pointer.matches(".*/autoScaling/policies/[0-9]+")) {
            return Optional.ofNullable(SCALING_POLICY.get(field));
        }
        return Optional.empty();
    }
}
