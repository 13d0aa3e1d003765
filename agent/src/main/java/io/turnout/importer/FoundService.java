package io.turnout.importer;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One ECS service as import found it, in a live cluster or in files, before a strategy is
 * chosen.
 *
 * @param ecsName              the ECS service name (for a task definition given alone, its family)
 * @param origin               where it came from, for messages ({@code cluster production}, a file)
 * @param taskDefinition       the RegisterTaskDefinition request it runs, cleaned; empty when none was found
 * @param settings             the spec's {@code service} settings, cleaned (no desiredCount, no tags)
 * @param desiredCount         its desired count, when known
 * @param runningCount         its running tasks (0 when read from a file)
 * @param tags                 its own tags ({@code [{key, value}]}, Turnout's left out)
 * @param loadBalancers        CreateService {@code loadBalancers} entries as found (target group ARN or
 *                             classic load balancer name, container name and port, advanced configuration)
 * @param registryArns         Cloud Map service ARNs of its {@code serviceRegistries}
 * @param deploymentController ECS, CODE_DEPLOY or EXTERNAL
 * @param turnoutTags          Turnout's own tags ({@code turnout:service}, {@code turnout:slot} …) when it carries them
 * @param autoScaling          its auto scaling as a spec writes it ({@code minCapacity}, {@code maxCapacity}, {@code policies})
 * @param unexpressed          what was found that a spec cannot say
 */
record FoundService(String ecsName, String origin, Optional<ObjectNode> taskDefinition, ObjectNode settings,
                    Optional<Integer> desiredCount, int runningCount, ArrayNode tags, List<JsonNode> loadBalancers,
                    List<String> registryArns, String deploymentController, Map<String, String> turnoutTags,
                    Optional<ObjectNode> autoScaling, List<Unexpressed> unexpressed) {
    FoundService {
        loadBalancers = List.copyOf(loadBalancers);
        registryArns = List.copyOf(registryArns);
        turnoutTags = Map.copyOf(turnoutTags);
        unexpressed = List.copyOf(unexpressed);
    }

    /** The ECS deployment strategy its deploymentConfiguration names (ROLLING when it names none). */
    String deploymentStrategy() {
        return settings.path("deploymentConfiguration").path("strategy").asString("ROLLING");
    }

    /** The target group ARNs of its load balancers (classic load balancers have none). */
    List<String> targetGroupArns() {
        return loadBalancers.stream().map(lb -> lb.path("targetGroupArn").asString(null))
                .filter(Objects::nonNull).toList();
    }
}
