package io.turnout.plan;

import io.turnout.cloud.ScalableTargetInfo;
import io.turnout.cloud.Tags;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.Slot;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** What every service plan in one environment shares: the environment, its cluster and the commit. */
record PlanContext(EnvironmentSpec environment, Optional<String> commit) {
    String cluster() {
        return environment.cluster();
    }

    String resourceId(String ecsServiceName) {
        return ScalableTargetInfo.resourceId(cluster(), ecsServiceName);
    }

    /** The tags a new ECS service gets: the spec's own {@code service.tags}, then Turnout's (which win). */
    Map<String, String> tags(DesiredService desired, Optional<Slot> slot) {
        Map<String, String> tags = new TreeMap<>();
        for (JsonNode tag : desired.spec().service().path("tags")) {
            tags.put(tag.path("key").asString(), tag.path("value").asString(""));
        }
        tags.put(Tags.ENVIRONMENT, environment.name());
        tags.put(Tags.SERVICE, desired.name());
        slot.ifPresent(s -> {
            tags.put(Tags.SLOT, s.id());
            // BLUE only once production points at it (the Retag step); until then both are GREEN
            tags.put(Tags.BG_VERSION, Tags.GREEN);
        });
        commit.ifPresent(c -> tags.put(Tags.COMMIT, c));
        tags.put(Tags.SPEC_HASH, desired.specHash());
        return tags;
    }
}
