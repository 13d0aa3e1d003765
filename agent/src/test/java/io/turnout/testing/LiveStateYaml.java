package io.turnout.testing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.Nulls;
import io.turnout.live.LiveDns;
import io.turnout.live.LiveElb;
import io.turnout.live.LiveState;
import io.turnout.live.LiveTraffic;
import io.turnout.spec.Slot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * A {@link LiveState} as YAML, for golden files people edit by hand: the records as Jackson
 * sees them, slots as {@code a}/{@code b}, traffic as {@code {elb: …}} or {@code {dns: …}},
 * empty optionals left out and lists that are left out read as empty.
 */
public final class LiveStateYaml {
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
    @JsonSubTypes({@JsonSubTypes.Type(value = LiveElb.class, name = "elb"),
            @JsonSubTypes.Type(value = LiveDns.class, name = "dns")})
    private interface LiveTrafficMixin {}

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .addMixIn(LiveTraffic.class, LiveTrafficMixin.class)
            .addModule(new SimpleModule("slots")
                    .addSerializer(Slot.class, new ValueSerializer<>() {
                        @Override
                        public void serialize(Slot value, JsonGenerator gen, SerializationContext ctxt) {
                            gen.writeString(value.id());
                        }
                    })
                    .addDeserializer(Slot.class, new ValueDeserializer<>() {
                        @Override
                        public Slot deserialize(JsonParser p, DeserializationContext ctxt) {
                            return Slot.fromId(p.getValueAsString());
                        }
                    }))
            .changeDefaultPropertyInclusion(
                    incl -> JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_ABSENT))
            // a list or map left out of the file is empty (the records refuse null)
            .withConfigOverride(java.util.List.class,
                    o -> o.setNullHandling(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
            .withConfigOverride(java.util.Map.class,
                    o -> o.setNullHandling(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
            // booleans left out (LiveSlot.tagsOnly) are false
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            // "256" (task cpu) must stay a string when read back
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(tools.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private LiveStateYaml() {}

    public static LiveState read(Path file) throws IOException {
        return MAPPER.readValue(Files.readString(file), LiveState.class);
    }

    public static LiveState parse(String yaml) {
        return MAPPER.readValue(yaml, LiveState.class);
    }

    public static String write(LiveState state) {
        return MAPPER.writeValueAsString(state);
    }

    public static void write(LiveState state, Path file) throws IOException {
        Files.writeString(file, write(state), StandardCharsets.UTF_8);
    }
}
