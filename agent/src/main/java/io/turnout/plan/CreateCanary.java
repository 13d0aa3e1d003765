package io.turnout.plan;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * A rolling service's canary: a service of its own ({@code <service>--canary}) with
 * {@code tasks} tasks of the new task definition next to the old ones, created with the
 * service's settings (network configuration …). Its tags name the Turnout service and mark it
 * a canary, so that it is never taken for a service of its own.
 */
public record CreateCanary(String service, String cluster, String canaryEcsServiceName, TaskDefinitionRef taskDefinition,
                           int tasks, JsonNode settings, SortedMap<String, String> tags) implements Step {
    public CreateCanary {
        settings = settings.deepCopy();
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }

    @Override
    public JsonNode settings() {
        return settings.deepCopy();
    }

    /** {@code <service>--canary}: never a Turnout service name (they cannot contain "--"). */
    public static String ecsServiceName(String service) {
        return service + "--canary";
    }

    @Override
    public String describe() {
        return "Start a canary: " + canaryEcsServiceName + " with " + CreateSlot.tasks(tasks) + " of "
                + taskDefinition.describe() + " next to " + service;
    }
}
