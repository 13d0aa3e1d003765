package io.turnout.spec.load;

import java.util.Map;
import java.util.Optional;

/**
 * The members of AWS's requests that Turnout sets itself, each with why and where Turnout takes
 * the value from: "unknown field 'cluster'" alone would puzzle a person who knows the
 * CreateService API. This is the one list of the schemas' departures from AWS's model: the
 * schema-vs-SDK test reads it, so a field missing from a schema is either here or a failure.
 */
final class TurnoutOwnedFields {
    private TurnoutOwnedFields() {}

    /** CreateService members the service settings schema leaves out: Turnout sets them on every call. */
    static final Map<String, String> CREATE_SERVICE = Map.of(
            "cluster", "Turnout sets cluster from the environment's spec.cluster",
            "serviceName", "Turnout names the ECS services from metadata.name: <name>--a and <name>--b for blue/green, <name> for rolling; to adopt existing services name them in spec.strategy.blueGreen.slots or spec.strategy.rolling.serviceName",
            "taskDefinition", "Turnout registers spec.taskDefinition and points each slot at the revision it registered",
            "role", "Turnout leaves role unset so that ECS uses its service-linked role, which load-balanced services need",
            "clientToken", "the AWS SDK makes a fresh idempotency token for each CreateService call; one written in a spec would"
                    + " make the second slot's creation return the first slot");

    /**
     * CreateService members the schema accepts with AWS's shape but only without information
     * (empty, or the default), as tools that dump a service write them: Turnout sets them from
     * spec.strategy. Anything else is refused by {@link ServiceSettingsRules} with this reason.
     */
    static final Map<String, String> CREATE_SERVICE_FROM_STRATEGY = Map.of(
            "loadBalancers", "Turnout sets loadBalancers from spec.strategy.blueGreen.traffic.elb (the slot's target group, container name and port)"
                    + " or spec.strategy.rolling.targetGroup and container (under spec.strategy.ecs and spec.strategy.codeDeploy they are"
                    + " the service's own, in spec.service)",
            "serviceRegistries", "Turnout sets serviceRegistries from spec.strategy.blueGreen.traffic.dns.cloudMapServices (the slot's Cloud Map service)",
            "deploymentController", "the strategy sets the deployment controller: spec.strategy.blueGreen and spec.strategy.rolling use ECS,"
                    + " spec.strategy.ecs ECS's own blue/green, spec.strategy.codeDeploy CODE_DEPLOY");

    /** RegisterTaskDefinition members the task definition schema leaves out: none, a task definition is the team's own. */
    static final Map<String, String> REGISTER_TASK_DEFINITION = Map.of();

    private static final Map<String, String> SCALING_POLICY = Map.of(
            "ServiceNamespace", "Turnout sets ServiceNamespace to ecs",
            "ResourceId", "Turnout sets ResourceId to the BLUE slot's service/<cluster>/<service>--<slot>",
            "ScalableDimension", "Turnout sets ScalableDimension to ecs:service:DesiredCount");

    /**
     * Why {@code field} of the object described by {@code schemaLocation} (a schema location
     * such as {@code …service.schema.json#/$defs/serviceSettings}) belongs to Turnout, if it does.
     */
    static Optional<String> explain(String schemaLocation, String field) {
        if (schemaLocation.endsWith("service.schema.json#/$defs/serviceSettings")) {
            return Optional.ofNullable(CREATE_SERVICE.get(field)).or(() -> Optional.ofNullable(CREATE_SERVICE_FROM_STRATEGY.get(field)));
        }
        if (schemaLocation.endsWith("#/$defs/scalingPolicy")) {
            return Optional.ofNullable(SCALING_POLICY.get(field));
        }
        return Optional.empty();
    }
}
