package io.turnout.plan;

import io.turnout.diff.Normalizer;
import io.turnout.live.LiveSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Service settings ECS takes only in CreateService: UpdateService has no member for them, so
 * an existing ECS service that differs there can only be replaced — which Turnout never does
 * (an adopted service in particular is never deleted or recreated). Such a difference on a
 * slot a deployment would update is reported instead, with what to do.
 */
final class CreationOnlySettings {
    /** CreateService members a spec may set that UpdateService does not have. */
    static final List<String> FIELDS = List.of("launchType", "schedulingStrategy");

    private CreationOnlySettings() {}

    /** "launchType EC2 (the spec says FARGATE)", or empty when {@code slot} has what the spec says. */
    static Optional<String> differences(DesiredService desired, LiveSlot slot) {
        JsonNode live = Normalizer.serviceSettings(slot.service().settings());
        JsonNode wanted = desired.normalizedSettings();
        List<String> found = new ArrayList<>();
        for (String field : FIELDS) {
            if (!live.path(field).equals(wanted.path(field))) {
                found.add(field + " " + text(live.path(field)) + " (the spec says " + text(wanted.path(field)) + ")");
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", found));
    }

    /** The problem for a slot a deployment would update although it differs in creation-only settings. */
    static Optional<String> problem(DesiredService desired, LiveSlot slot) {
        return differences(desired, slot).map(d -> "ECS service " + slot.service().name() + " (slot " + slot.slot().id()
                + ") was created with " + d + ", which ECS sets only when a service is created; Turnout never deletes"
                + " or recreates a service: change the spec to match, or delete " + slot.service().name()
                + " (it is idle) so that the next deployment creates it anew");
    }

    private static String text(JsonNode value) {
        return value.isMissingNode() ? "(none)" : value.asString(value.toString());
    }
}
