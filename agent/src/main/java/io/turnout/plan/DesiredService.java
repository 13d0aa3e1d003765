package io.turnout.plan;

import io.turnout.diff.Normalizer;
import io.turnout.spec.EffectiveService;
import io.turnout.spec.JsonMerge;
import io.turnout.spec.Rolling;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An effective service prepared for comparison: its task definition and service settings in
 * the spec's words (what the executor sends) and normalised (what the differ compares).
 *
 * @param settings      the spec's service settings without desiredCount and tags, as written
 * @param desiredCount  the spec's desiredCount, when it sets one
 */
record DesiredService(EffectiveService spec, String family, JsonNode taskDefinition, ObjectNode normalizedTaskDefinition,
                      ObjectNode settings, ObjectNode normalizedSettings, Optional<Integer> desiredCount,
                      String specHash) {

    /** The desired service with what its strategy adds to the settings (rolling: the circuit breaker). */
    static DesiredService of(EffectiveService spec) {
        JsonNode extra = spec.strategy() instanceof Rolling r ? RollingPlanner.strategySettings(r) : null;
        return of(spec, extra);
    }

    static DesiredService of(EffectiveService spec, JsonNode extraSettings) {
        JsonNode td = spec.taskDefinition();
        JsonNode base = spec.service().isObject() ? spec.service() : JsonNodeFactory.instance.objectNode();
        ObjectNode settings = (ObjectNode) JsonMerge.merge(base, extraSettings);
        Optional<Integer> desiredCount = settings.has("desiredCount")
                ? Optional.of(settings.get("desiredCount").asInt()) : Optional.empty();
        settings.remove("desiredCount");
        settings.remove("tags");
        return new DesiredService(spec, td.path("family").asString(spec.name()), td, Normalizer.taskDefinition(td),
                settings, Normalizer.serviceSettings(settings), desiredCount, SpecHash.of(spec));
    }

    String name() {
        return spec.name();
    }

    /** The image of {@code container}, or of the first container by name when that one is absent. */
    Optional<String> image(String container) {
        return Images.of(normalizedTaskDefinition, container);
    }
}
