package io.turnout.importer;

import io.turnout.cloud.Tags;
import io.turnout.diff.Normalizer;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A spec's {@code service} section from a CreateService-shaped document: a CreateService
 * request, an ecspresso service definition, or one service of a DescribeServices answer. Keeps
 * the CreateService members a spec sets; the ones Turnout owns (cluster, names, task definition,
 * load balancers, registries, deployment controller) are read by the import itself and left
 * out; what only answers carry (ARNs, counts, events, deployments …) is dropped. Of an answer,
 * AWS's defaults are dropped too, and Turnout's own tags.
 */
final class ServiceSettingsCleanup {
    /**
     * CreateService's members (AWS API reference, as the SDK 2.40 models them); a test checks the
     * list against the SDK's own model class.
     */
    static final Set<String> CREATE_SERVICE_MEMBERS = Set.of("cluster", "serviceName", "taskDefinition",
            "availabilityZoneRebalancing", "loadBalancers", "serviceRegistries", "desiredCount", "clientToken",
            "launchType", "capacityProviderStrategy", "platformVersion", "role", "deploymentConfiguration",
            "placementConstraints", "placementStrategy", "networkConfiguration", "healthCheckGracePeriodSeconds",
            "schedulingStrategy", "deploymentController", "tags", "enableECSManagedTags", "propagateTags",
            "enableExecuteCommand", "serviceConnectConfiguration", "volumeConfigurations", "vpcLatticeConfigurations");

    /** Members the import reads itself (names, bindings, the strategy); never written to {@code spec.service}. */
    static final Set<String> OWNED = Set.of("cluster", "serviceName", "taskDefinition", "loadBalancers",
            "serviceRegistries", "desiredCount", "clientToken", "role", "deploymentController", "tags");

    private static final Set<String> KEEP = Set.of("launchType", "subnets", "securityGroups");

    private ServiceSettingsCleanup() {}

    /** The spec's {@code service} settings (no desiredCount, no tags: see {@link #tags}). */
    static ObjectNode settings(JsonNode service, boolean described) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String member : service.propertyNames()) {
            if (CREATE_SERVICE_MEMBERS.contains(member) && !OWNED.contains(member)) {
                out.set(member, service.get(member).deepCopy());
            }
        }
        JsonCleanup.tidy(out, EnumFields.service());
        if (described) JsonCleanup.pruneDefaults(out, Normalizer::serviceSettings, KEEP);
        return out;
    }

    /** The service's own tags as CreateService takes them, Turnout's ({@code turnout:*}, {@code BG_VERSION}) left out. */
    static ArrayNode tags(JsonNode service) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode tag : service.path("tags")) {
            String key = tag.path("key").asString("");
            if (key.isEmpty() || key.startsWith("turnout:") || key.equals(Tags.BG_VERSION)) continue;
            out.addObject().put("key", key).put("value", tag.path("value").asString(""));
        }
        return out;
    }

    /** Fields of {@code service} a spec cannot hold that are worth telling (not answer-only bookkeeping). */
    static List<String> ignoredRequestMembers(JsonNode service) {
        return List.of("role", "clientToken").stream().filter(service::has).toList();
    }
}
