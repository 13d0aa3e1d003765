package io.turnout.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.turnout.plan.Plan;
import io.turnout.plan.Step;
import io.turnout.spec.Strategy;
import io.turnout.spec.SyncPolicy;
import io.turnout.spec.Traffic;
import io.turnout.status.CommitOutcome;
import io.turnout.status.ServiceOutcome;
import io.turnout.status.ServiceStatus;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import tools.jackson.databind.jsontype.NamedType;
import tools.jackson.databind.jsontype.impl.DefaultTypeResolverBuilder;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one JSON form of what a store keeps as documents (pending plans, drift baselines, service
 * rows, drift lines, outcomes) and of {@code turnout state export}. Records are written as their
 * components; the sealed families (steps, strategies, traffic) carry their type's simple name in
 * {@code "@type"}, and only the permitted subtypes are ever instantiated when reading; durations are
 * ISO-8601 ({@code PT15M}); empty optionals are left out. Reading a document back gives a value
 * equal to the one written ({@code StateJsonRoundTripTest}: every golden plan and spec tree).
 */
public final class StateJson {
    /** The sealed families whose values carry their type's simple name. */
    private static final Set<Class<?>> SEALED = Set.of(Step.class, Strategy.class, Traffic.class);

    /**
     * {@code "@type": "<simple name>"} on the sealed families only, configured here rather than by
     * annotations: the model classes stay free of storage concerns (and an annotated class would get
     * a Micronaut introspection generated for it, outside the runtime).
     */
    private static final class SealedTyping extends DefaultTypeResolverBuilder {
        SealedTyping() {
            super(BasicPolymorphicTypeValidator.builder().allowIfBaseType((context, type) -> SEALED.contains(type)).build(), DefaultTyping.NON_FINAL,
                    JsonTypeInfo.As.PROPERTY, JsonTypeInfo.Id.NAME, "@type");
        }

        @Override
        public boolean useForType(JavaType type) {
            return SEALED.contains(type.getRawClass());
        }
    }

    /** Durations as ISO-8601 ({@code PT15M}), both ways: for every mapper that keeps values to read back (the journal's too). */
    public static SimpleModule isoDurations() {
        return new SimpleModule("turnout-iso-durations")
                .addSerializer(Duration.class, new ValueSerializer<>() {
                    @Override
                    public void serialize(Duration value, JsonGenerator gen, SerializationContext ctxt) {
                        gen.writeString(value.toString());
                    }
                })
                .addDeserializer(Duration.class, new ValueDeserializer<>() {
                    @Override
                    public Duration deserialize(JsonParser p, DeserializationContext ctxt) {
                        return Duration.parse(p.getValueAsString());
                    }
                });
    }

    public static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(isoDurations())
            .setDefaultTyping(new SealedTyping())
            .registerSubtypes(named(Step.class))
            .registerSubtypes(named(Strategy.class))
            .registerSubtypes(named(Traffic.class))
            // an empty Optional is left out, so that it reads back empty (written as null it would read back as a JSON null)
            .changeDefaultPropertyInclusion(incl -> JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_ABSENT))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final TypeReference<List<ServiceStatus>> SERVICES = new TypeReference<>() {};
    private static final TypeReference<List<ServiceOutcome>> SERVICE_OUTCOMES = new TypeReference<>() {};
    private static final TypeReference<List<String>> LINES = new TypeReference<>() {};
    private static final TypeReference<Map<String, SyncPolicy>> POLICIES = new TypeReference<>() {};

    private StateJson() {
    }

    private static NamedType[] named(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses()).map(c -> new NamedType(c, c.getSimpleName())).toArray(NamedType[]::new);
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static Plan plan(String json) {
        return MAPPER.readValue(json, Plan.class);
    }

    public static DriftBaseline baseline(String json) {
        return MAPPER.readValue(json, DriftBaseline.class);
    }

    public static List<ServiceStatus> services(String json) {
        return MAPPER.readValue(json, SERVICES);
    }

    /** What a deployment did to each service; none for {@code null} (an outcome that deployed no service, or one stored before). */
    public static List<ServiceOutcome> serviceOutcomes(String json) {
        return json == null ? List.of() : MAPPER.readValue(json, SERVICE_OUTCOMES);
    }

    public static List<String> lines(String json) {
        return MAPPER.readValue(json, LINES);
    }

    public static SortedMap<String, SyncPolicy> policies(String json) {
        return new TreeMap<>(MAPPER.readValue(json, POLICIES));
    }

    public static CommitOutcome outcome(JsonNode node) {
        return MAPPER.treeToValue(node, CommitOutcome.class);
    }
}
