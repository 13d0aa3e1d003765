package io.turnout.plan;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * UpdateService of a service under CodeDeploy for what needs no deployment: the desired count and
 * the settings UpdateService may change on a CODE_DEPLOY service (deployment configuration, health
 * check grace period, placement, managed tags, tag propagation).
 */
public record UpdateEngineService(String service, String cluster, String ecsServiceName, Optional<Integer> desiredCount,
                                  Optional<JsonNode> settings, SortedMap<String, String> tags) implements Step {
    public UpdateEngineService {
        settings = settings.map(JsonNode::deepCopy);
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }

    @Override
    public Optional<JsonNode> settings() {
        return settings.map(JsonNode::deepCopy);
    }

    @Override
    public String describe() {
        return "Update " + ecsServiceName + " in place" + desiredCount.map(n -> ": " + CreateSlot.tasks(n)).orElse(": its settings");
    }
}
