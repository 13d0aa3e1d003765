package io.turnout.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.turnout.diff.JsonCanon;
import io.turnout.spec.Slot;
import io.turnout.spec.load.Durations;
import java.time.Duration;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one JSON mapping of plan values (steps, strategies, verification): durations as specs
 * write them ({@code 1m30s}), slots as {@code a}/{@code b}, empty optionals left out, map
 * entries by key. Used for the JSON plan and for the spec hash, so both are stable.
 */
public final class PlanJson {
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("turnout-plan")
                    .addSerializer(Duration.class, new ValueSerializer<>() {
                        @Override
                        public void serialize(Duration value, JsonGenerator gen, SerializationContext ctxt) {
                            gen.writeString(Durations.format(value));
                        }
                    })
                    .addSerializer(Slot.class, new ValueSerializer<>() {
                        @Override
                        public void serialize(Slot value, JsonGenerator gen, SerializationContext ctxt) {
                            gen.writeString(value.id());
                        }
                    }))
            .changeDefaultPropertyInclusion(
                    incl -> JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_ABSENT))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private PlanJson() {}

    /** A value as a JSON tree, keys sorted. */
    public static JsonNode tree(Object value) {
        return JsonCanon.sortKeys(MAPPER.valueToTree(value));
    }
}
