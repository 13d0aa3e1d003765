package io.turnout.agent.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.turnout.render.JsonPlanRenderer;
import io.turnout.spec.load.Durations;
import io.turnout.status.CommitOutcome;
import io.turnout.status.EnvironmentStatus;
import io.turnout.status.ServiceStatus;
import java.util.Collection;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON documents of the API, built field by field so that their shape is the documented one
 * whatever the records grow: absent values are {@code null} (never left out), times are ISO-8601
 * UTC, durations both as seconds and as specs write them ({@code 1m30s}), and a pending plan is the
 * {@link JsonPlanRenderer} document inlined as an object.
 */
final class ApiJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonPlanRenderer PLAN_JSON = new JsonPlanRenderer();

    private ApiJson() {}

    /** One line of {@code GET /api/environments}. */
    static ObjectNode summary(EnvironmentStatus env) {
        ObjectNode node = NODES.objectNode();
        node.put("name", env.name());
        node.put("syncPolicy", env.syncPolicy());
        put(node, "liveCommit", env.liveCommit());
        put(node, "headCommit", env.headCommit());
        node.put("deploying", env.deploying());
        node.set("lastOutcome", env.lastOutcome().<JsonNode>map(ApiJson::outcome).orElse(NODES.nullNode()));
        return node;
    }

    /** {@code GET /api/environments/{env}}: everything {@link EnvironmentStatus} holds. */
    static ObjectNode detail(EnvironmentStatus env) {
        ObjectNode node = NODES.objectNode();
        node.put("name", env.name());
        node.put("repository", env.repository());
        node.put("branch", env.branch());
        node.put("syncPolicy", env.syncPolicy());
        put(node, "liveCommit", env.liveCommit());
        put(node, "headCommit", env.headCommit());
        put(node, "lastPoll", env.lastPoll().map(Object::toString));
        node.put("deploying", env.deploying());
        ArrayNode services = node.putArray("services");
        for (ServiceStatus s : env.services()) services.add(service(s));
        node.set("pendingPlan", env.pendingPlan().<JsonNode>map(PLAN_JSON::tree).orElse(NODES.nullNode()));
        ArrayNode drift = node.putArray("drift");
        env.drift().forEach(drift::add);
        node.set("lastOutcome", env.lastOutcome().<JsonNode>map(ApiJson::outcome).orElse(NODES.nullNode()));
        ArrayNode recent = node.putArray("recent");
        for (CommitOutcome o : env.recent()) recent.add(outcome(o));
        return node;
    }

    static ObjectNode service(ServiceStatus s) {
        ObjectNode node = NODES.objectNode();
        node.put("name", s.name());
        node.put("trafficMode", s.trafficMode());
        put(node, "blueSlot", s.blueSlot());
        put(node, "blueImage", s.blueImage());
        put(node, "blueCommit", s.blueCommit());
        node.put("runningCount", s.runningCount());
        put(node, "deployment", s.deployment());
        return node;
    }

    static ObjectNode outcome(CommitOutcome o) {
        ObjectNode node = NODES.objectNode();
        node.put("commit", o.commit());
        node.put("subject", o.subject());
        node.put("outcome", o.outcome().name());
        node.put("detail", o.detail());
        node.put("at", o.at().toString());
        node.put("durationSeconds", o.duration().toMillis() / 1000.0);
        node.put("duration", Durations.format(o.duration()));
        return node;
    }

    /** {@code {"error": message, …}} with {@code knownEnvironments} when given. */
    static ObjectNode error(String message, Collection<String> knownEnvironments) {
        ObjectNode node = NODES.objectNode();
        node.put("error", message);
        if (knownEnvironments != null) {
            ArrayNode known = node.putArray("knownEnvironments");
            knownEnvironments.forEach(known::add);
        }
        return node;
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    /** A JSON response; the body is serialised here, so Micronaut's own codecs never see our nodes. */
    static MutableHttpResponse<String> response(HttpStatus status, JsonNode body) {
        return HttpResponse.<String>status(status)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(MAPPER.writeValueAsString(body) + "\n");
    }

    private static void put(ObjectNode node, String field, Optional<String> value) {
        if (value.isPresent()) node.put(field, value.get());
        else node.putNull(field);
    }
}
