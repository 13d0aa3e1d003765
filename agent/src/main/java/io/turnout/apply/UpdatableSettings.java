package io.turnout.apply;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The part of a spec's service settings that UpdateService accepts (loadBalancers and Service
 * Connect only come from strategy ecs and codeDeploy specs: blueGreen and rolling refuse them). launchType,
 * schedulingStrategy, role and tags are fixed when a service is created (AWS rejects them in
 * an update, and the AWS gateway refuses them by name); desiredCount travels as its own value.
 * A change to a create-only field shows in the plan as a diff that an update cannot apply:
 * recreating the slot is a person's decision.
 */
final class UpdatableSettings {
    static final List<String> MEMBERS = List.of("capacityProviderStrategy", "deploymentConfiguration",
            "networkConfiguration", "placementConstraints", "placementStrategy", "platformVersion",
            "healthCheckGracePeriodSeconds", "enableExecuteCommand", "enableECSManagedTags", "propagateTags",
            "availabilityZoneRebalancing", "loadBalancers", "serviceConnectConfiguration");

    private UpdatableSettings() {}

    static Optional<JsonNode> of(Optional<JsonNode> settings) {
        return settings.map(UpdatableSettings::of).filter(s -> !s.isEmpty()).map(s -> s);
    }

    static ObjectNode of(JsonNode settings) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String member : MEMBERS) {
            if (settings.has(member)) out.set(member, settings.get(member).deepCopy());
        }
        return out;
    }
}
