package io.turnout.agent.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.turnout.status.Approvals;
import io.turnout.status.SyncTrigger;
import java.util.Locale;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One approval or rejection as the API and the status page's form send it: the commit it is about
 * and who decides. {@code by} is free text the person gives (the API token says the request may
 * decide; the name says who did), kept in the outcome; control characters are dropped and it is
 * cut to {@value #MAX_BY} characters.
 */
record ApprovalRequest(String commit, String by) {
    private static final Logger LOG = LoggerFactory.getLogger(ApprovalRequest.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int MAX_BY = 100;
    static final String SOMEONE = "an API token holder";

    ApprovalRequest {
        if (commit == null || !commit.strip().matches("[0-9a-fA-F]{7,64}")) {
            throw new IllegalArgumentException("\"commit\" must be the id (7 to 64 hex digits) of the commit you approve, e.g."
                    + " {\"commit\": \"4f2a9c1\", \"by\": \"alice\"}: approving names the commit, so that a newer one is never"
                    + " approved by accident");
        }
        commit = commit.strip();
        String cleaned = by == null ? "" : by.replaceAll("\\p{Cntrl}", "").strip();
        by = cleaned.isEmpty() ? SOMEONE : cleaned.length() > MAX_BY ? cleaned.substring(0, MAX_BY) : cleaned;
    }

    /** {@code {"commit": …, "by": …}}; an IllegalArgumentException saying what is wrong otherwise. */
    static ApprovalRequest fromJson(String body) {
        if (body == null || body.isBlank()) return new ApprovalRequest(null, null);
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the body is not JSON: send {\"commit\": \"<id>\", \"by\": \"<your name>\"}");
        }
        if (!node.isObject()) throw new IllegalArgumentException("the body must be a JSON object with \"commit\" and \"by\"");
        return new ApprovalRequest(node.path("commit").isString() ? node.get("commit").asString() : null,
                node.path("by").isString() ? node.get("by").asString() : null);
    }

    /** Records the decision and answers it as JSON; the environment is polled at once when it was recorded. */
    static HttpResponse<String> answer(String env, ApprovalRequest request, Approvals.Decision decision, Approvals approvals,
                                       SyncTrigger trigger, Function<String, HttpResponse<String>> unknown) {
        Approvals.Answer answer = approvals.decide(env, request.commit(), decision, request.by());
        ObjectNode body = ApiJson.object();
        body.put("environment", env);
        body.put("commit", request.commit());
        body.put("decision", decision.name().toLowerCase(Locale.ROOT));
        body.put("by", request.by());
        body.put("message", answer.message());
        return switch (answer.result()) {
            case UNKNOWN_ENVIRONMENT -> unknown.apply(env);
            case NOTHING_WAITS, OTHER_COMMIT -> {
                body.put("error", answer.message());
                yield ApiJson.response(HttpStatus.CONFLICT, body);
            }
            case BUSY -> {
                // not an error of the request: the same request succeeds once the lease is free
                body.put("error", answer.message());
                body.put("busy", true);
                yield ApiJson.response(HttpStatus.CONFLICT, body);
            }
            case RECORDED -> {
                LOG.info("{}: {}", env, answer.message());
                body.put("scheduled", trigger.syncEnvironment(env));
                yield ApiJson.response(HttpStatus.ACCEPTED, body);
            }
        };
    }
}
