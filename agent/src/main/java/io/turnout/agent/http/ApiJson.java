package io.turnout.agent.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.turnout.render.JsonPlanRenderer;
import io.turnout.spec.load.Durations;
import io.turnout.status.CommitOutcome;
import io.turnout.status.EnvironmentStatus;
import io.turnout.status.Problem;
import io.turnout.status.ServiceOutcome;
import io.turnout.status.ServiceStatus;
import io.turnout.status.WaitingApproval;
import io.turnout.text.TerminalText;
import java.util.Collection;
import java.util.List;
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
 * {@link JsonPlanRenderer} document inlined as an object. Messages for people (subjects, outcome
 * details, problems, drift) have their control characters escaped ({@link TerminalText}), so that
 * {@code jq -r} never puts a spec's escape sequence on a terminal.
 */
final class ApiJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonPlanRenderer PLAN_JSON = new JsonPlanRenderer();

    private ApiJson() {}

    /** {@code GET /api/environments}: one summary per environment, sorted by name. */
    static ArrayNode list(List<EnvironmentStatus> environments) {
        ArrayNode list = NODES.arrayNode();
        for (EnvironmentStatus env : environments) list.add(summary(env));
        return list;
    }

    /** One element of {@code GET /api/environments}. */
    static ObjectNode summary(EnvironmentStatus env) {
        ObjectNode node = NODES.objectNode();
        node.put("name", env.name());
        node.put("syncPolicy", env.syncPolicy());
        put(node, "liveCommit", env.liveCommit());
        put(node, "headCommit", env.headCommit());
        node.put("deploying", env.deploying());
        node.put("waitingForApproval", env.waitingForApproval());
        node.set("lastOutcome", env.lastOutcome().<JsonNode>map(ApiJson::outcome).orElse(NODES.nullNode()));
        node.set("problem", env.problem().<JsonNode>map(ApiJson::problem).orElse(NODES.nullNode()));
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
        node.put("waitingForApproval", env.waitingForApproval());
        ArrayNode approvals = node.putArray("approvals");
        for (WaitingApproval a : env.approvals()) approvals.add(approval(a));
        node.set("problem", env.problem().<JsonNode>map(ApiJson::problem).orElse(NODES.nullNode()));
        put(node, "headNotDeployed", env.headNotDeployed().map(TerminalText::escape));
        ArrayNode services = node.putArray("services");
        for (ServiceStatus s : env.services()) services.add(service(s));
        node.set("pendingPlan", env.pendingPlan().<JsonNode>map(PLAN_JSON::tree).orElse(NODES.nullNode()));
        ArrayNode drift = node.putArray("drift");
        env.drift().forEach(line -> drift.add(TerminalText.escape(line)));
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
        node.set("green", s.green().<JsonNode>map(ApiJson::green).orElse(NODES.nullNode()));
        return node;
    }

    /** A service paused at its approval gate: {@code {service, ecsServiceName, commit, since, deadline}} (rolled back at the deadline unless approved). */
    static ObjectNode approval(WaitingApproval a) {
        ObjectNode node = NODES.objectNode();
        node.put("service", a.service());
        node.put("ecsServiceName", a.ecsServiceName());
        put(node, "commit", a.commit());
        node.put("since", a.since().toString());
        node.put("deadline", a.deadline().toString());
        return node;
    }

    /** The GREEN slot: what a rollback swaps back to, and whether it can at once. */
    static ObjectNode green(ServiceStatus.Green g) {
        ObjectNode node = NODES.objectNode();
        node.put("slot", g.slot());
        put(node, "image", g.image());
        put(node, "commit", g.commit());
        node.put("runningCount", g.runningCount());
        node.put("desiredCount", g.desiredCount());
        node.put("fastRollback", g.fastRollback());
        return node;
    }

    /** What keeps the environment from being reconciled: {@code {kind, what, since, lastSeen, failedPolls, nextRetry, transient}}. */
    static ObjectNode problem(Problem p) {
        ObjectNode node = NODES.objectNode();
        node.put("kind", TerminalText.escape(p.kind()));
        node.put("what", TerminalText.escape(p.what()));
        node.put("since", p.since().toString());
        node.put("lastSeen", p.lastSeen().toString());
        node.put("failedPolls", p.failedPolls());
        node.put("nextRetry", p.nextRetry().toString());
        node.put("transient", p.transientError());
        return node;
    }

    static ObjectNode outcome(CommitOutcome o) {
        ObjectNode node = NODES.objectNode();
        node.put("commit", o.commit());
        node.put("subject", TerminalText.escape(o.subject()));
        node.put("outcome", o.outcome().name());
        node.put("detail", TerminalText.escape(o.detail()));
        node.put("at", o.at().toString());
        node.put("durationSeconds", o.duration().toMillis() / 1000.0);
        node.put("duration", Durations.format(o.duration()));
        ArrayNode services = node.putArray("services");
        for (ServiceOutcome s : o.services()) {
            services.addObject().put("service", s.service()).put("result", s.result().name()).put("detail", s.detail());
        }
        return node;
    }

    /** {@code {"error": message, …}} with {@code knownEnvironments} when given. */
    static ObjectNode error(String message, Collection<String> knownEnvironments) {
        ObjectNode node = NODES.objectNode();
        node.put("error", TerminalText.escape(message));
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
