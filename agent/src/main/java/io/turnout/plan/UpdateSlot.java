package io.turnout.plan;

import io.turnout.spec.Slot;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * UpdateService on the idle (GREEN) slot: the task definition to run and how many tasks.
 * {@code settings} is present when the slot's service settings differ from the spec's and
 * must be updated too; {@code rebind} when the slot's ECS service is not bound where the spec
 * binds the slot (an adopted service registered in another target group): the update moves it
 * there, so its new tasks never register where production points.
 */
public record UpdateSlot(String service, Slot slot, String cluster, String ecsServiceName,
                         TaskDefinitionRef taskDefinition, int desiredCount, Optional<JsonNode> settings,
                         Optional<SlotBinding> rebind) implements Step {
    public UpdateSlot {
        // a JSON null is no settings (Jackson reads an absent Optional<JsonNode> as Optional.of(NullNode), e.g. from the journal)
        settings = settings.filter(s -> !s.isNull()).map(JsonNode::deepCopy);
        rebind = rebind == null ? Optional.empty() : rebind;
    }

    public UpdateSlot(String service, Slot slot, String cluster, String ecsServiceName, TaskDefinitionRef taskDefinition,
                      int desiredCount, Optional<JsonNode> settings) {
        this(service, slot, cluster, ecsServiceName, taskDefinition, desiredCount, settings, Optional.empty());
    }

    @Override
    public Optional<JsonNode> settings() {
        return settings.map(JsonNode::deepCopy);
    }

    @Override
    public String describe() {
        return "Update " + ecsServiceName + " (slot " + slot.id() + ") to " + CreateSlot.tasks(desiredCount) + " of "
                + taskDefinition.describe() + (settings.isPresent() ? ", with the spec's service settings" : "")
                + rebind.map(b -> ", moving it to " + b.describe()).orElse("");
    }
}
