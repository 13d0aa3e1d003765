package io.turnout.plan;

import io.turnout.diff.Change;
import io.turnout.diff.Differ;
import io.turnout.diff.Normalizer;
import io.turnout.live.LiveSlot;
import io.turnout.spec.AutoScaling;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.MissingNode;

/**
 * The differences between a desired service and one live ECS service (a slot, or a rolling
 * service's only one), grouped by what they take to apply.
 *
 * @param taskDefinition changes that need a new deployment (task definition)
 * @param settings       changes that need a new deployment (service settings)
 * @param desiredCount   the desired count, when the spec sets one and auto scaling does not manage it
 * @param autoScaling    scalable target bounds and policies
 */
record SlotComparison(List<Change> taskDefinition, List<Change> settings, List<Change> desiredCount,
                      List<Change> autoScaling) {

    static SlotComparison of(DesiredService desired, LiveSlot live, Optional<AutoScaling> scaling) {
        if (live.tagsOnly() && !SlotTags.vouchFor(desired.specHash(), live.service())) {
            throw new IllegalStateException("ECS service " + live.service().name() + " was read from its tags only,"
                    + " but they do not vouch for spec hash " + desired.specHash() + ": the live state was read for"
                    + " another spec; read it again");
        }
        // A slot read from its tags only runs the task definition and auto scaling of the desired spec
        // (its spec-hash and task-definition tags say so): nothing to compare there, nothing was read.
        List<Change> td = live.tagsOnly() ? List.of() : Differ.diff("taskDefinition",
                Normalizer.taskDefinition(live.taskDefinition().definition()), desired.normalizedTaskDefinition());
        List<Change> settings = Differ.diff("service", Normalizer.serviceSettings(live.service().settings()),
                desired.normalizedSettings());
        List<Change> count = List.of();
        // with auto scaling, the scalable target owns the task count: the spec's desiredCount only seeds new slots
        if (scaling.isEmpty() && desired.desiredCount().isPresent()
                && desired.desiredCount().get() != live.service().desiredCount()) {
            count = List.of(Change.of("service/desiredCount", IntNode.valueOf(live.service().desiredCount()),
                    IntNode.valueOf(desired.desiredCount().get())));
        }
        List<Change> scalingChanges = live.tagsOnly() ? List.of() : Differ.diff("autoScaling",
                live.scaling().<JsonNode>map(s -> Normalizer.autoScaling(s.target(), s.policies()))
                        .orElse(MissingNode.getInstance()),
                scaling.<JsonNode>map(Normalizer::autoScaling)
                        .orElse(MissingNode.getInstance()));
        return new SlotComparison(td, settings, count, scalingChanges);
    }

    /** Whether the change needs a new deployment (GREEN slot, or a rolling update). */
    boolean needsDeployment() {
        return !taskDefinition.isEmpty() || !settings.isEmpty();
    }

    boolean isEmpty() {
        return !needsDeployment() && desiredCount.isEmpty() && autoScaling.isEmpty();
    }

    List<Change> all() {
        List<Change> all = new ArrayList<>(taskDefinition);
        all.addAll(settings);
        all.addAll(desiredCount);
        all.addAll(autoScaling);
        return List.copyOf(all);
    }
}
