package io.turnout.plan;

import io.turnout.cloud.TaskDefinitionInfo;
import io.turnout.diff.Change;
import io.turnout.diff.Differ;
import io.turnout.diff.Normalizer;
import io.turnout.live.LiveSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The differences between a desired service and the one ECS service of AWS's own engines:
 * task definition, settings (load balancers compared as {@link EngineSettings} says), and the
 * desired count unless auto scaling owns it. Service revisions, which target group serves and the
 * listener rules' weights belong to the engine and are never compared.
 */
record EngineComparison(List<Change> taskDefinition, List<Change> settings, List<Change> desiredCount) {
    /** Settings a CodeDeploy deployment carries in its AppSpec (the rest UpdateService changes). */
    static final Set<String> APP_SPEC_SETTINGS = Set.of("networkConfiguration", "platformVersion", "capacityProviderStrategy");

    static EngineComparison of(DesiredService desired, LiveSlot live, boolean codeDeploy) {
        if (live.tagsOnly() && !SlotTags.vouchFor(desired.specHash(), live.service())) {
            throw new IllegalStateException("ECS service " + live.service().name() + " was read from its tags only, but they do"
                    + " not vouch for spec hash " + desired.specHash() + ": read the live state again");
        }
        List<Change> td = live.tagsOnly() || live.taskDefinition() == null ? List.of()
                : diffTaskDefinition(desired, live.taskDefinition());
        List<Change> settings = new ArrayList<>(Differ.diff("service", Normalizer.serviceSettings(live.service().settings()),
                desired.normalizedSettings()));
        JsonNode wanted = desired.spec().service().path("loadBalancers");
        settings.addAll(Differ.diff("service/loadBalancers", EngineSettings.loadBalancers(live.service().loadBalancers(), codeDeploy),
                EngineSettings.loadBalancers(wanted.isArray() ? wanted : JsonNodeFactory.instance.arrayNode(), codeDeploy)));
        List<Change> count = List.of();
        if (live.scaling().isEmpty() && desired.desiredCount().isPresent()
                && desired.desiredCount().get() != live.service().desiredCount()) {
            count = List.of(Change.of("service/desiredCount", IntNode.valueOf(live.service().desiredCount()),
                    IntNode.valueOf(desired.desiredCount().get())));
        }
        return new EngineComparison(td, List.copyOf(settings), count);
    }

    /** The task definition changes from {@code live} to the desired one; empty when it runs the desired one. */
    static List<Change> diffTaskDefinition(DesiredService desired, TaskDefinitionInfo live) {
        return Differ.diff("taskDefinition", Normalizer.taskDefinition(live.definition()), desired.normalizedTaskDefinition());
    }

    boolean isEmpty() {
        return taskDefinition.isEmpty() && settings.isEmpty() && desiredCount.isEmpty();
    }

    /** Whether a CodeDeploy deployment is needed: a new task definition or an AppSpec setting (or new load balancers). */
    boolean needsCodeDeployDeployment() {
        return !taskDefinition.isEmpty() || settings.stream().anyMatch(c -> APP_SPEC_SETTINGS.stream()
                .anyMatch(s -> c.path().startsWith("service/" + s)) || c.path().startsWith("service/loadBalancers"));
    }

    List<Change> all() {
        List<Change> all = new ArrayList<>(taskDefinition);
        all.addAll(settings);
        all.addAll(desiredCount);
        return List.copyOf(all);
    }
}
