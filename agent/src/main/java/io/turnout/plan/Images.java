package io.turnout.plan;

import io.turnout.diff.Normalizer;
import io.turnout.live.LiveSlot;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Which image a plan (and the status) shows for a service: the traffic container's, else the first container's by name. */
public final class Images {
    private Images() {}

    /** The image a slot runs, from its task definition as read; empty when the task definition was not read. */
    public static Optional<String> of(LiveSlot slot, String container) {
        if (slot.taskDefinition() == null) return Optional.empty();
        return of(Normalizer.taskDefinition(slot.taskDefinition().definition()), container);
    }

    static Optional<String> of(JsonNode normalizedTaskDefinition, String container) {
        JsonNode first = null;
        for (JsonNode c : normalizedTaskDefinition.path("containerDefinitions")) {
            if (container != null && container.equals(c.path("name").asString())) return text(c.get("image"));
            if (first == null) first = c;
        }
        return first == null ? Optional.empty() : text(first.get("image"));
    }

    /**
     * The image a live slot runs: from its task definition, or — for a slot read from its tags
     * only, which runs the desired spec — the desired one.
     */
    static Optional<String> of(DesiredService desired, LiveSlot slot, String container) {
        if (slot.tagsOnly()) return desired.image(container);
        return of(slot, container);
    }

    private static Optional<String> text(JsonNode image) {
        return image == null || !image.isString() ? Optional.empty() : Optional.of(image.asString());
    }
}
