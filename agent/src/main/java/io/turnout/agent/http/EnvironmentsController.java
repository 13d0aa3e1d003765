package io.turnout.agent.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.turnout.status.AgentStatus;
import io.turnout.status.Approvals;
import io.turnout.status.EnvironmentStatus;
import io.turnout.status.SyncTrigger;
import io.turnout.status.UnknownEnvironment;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON API over the agent's read model, and its writes: asking for a sync now, approving or
 * rejecting what waits for approval.
 *
 * <p>Every {@code POST} checks, in this order ({@link ApiToken}): a token is configured
 * (else 403, the endpoint is disabled), the request carries {@code Authorization: Bearer <token>}
 * equal to it (else 401 with {@code WWW-Authenticate: Bearer}), the environment exists (else 404,
 * after authentication so that strangers cannot probe names). Reads need no token: they show
 * what the status page shows.
 */
@Controller("/api/environments")
final class EnvironmentsController {
    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentsController.class);

    private final AgentStatus status;
    private final SyncTrigger trigger;
    private final HttpSettings settings;
    private final Approvals approvals;

    EnvironmentsController(AgentStatus status, SyncTrigger trigger, HttpSettings settings, Approvals approvals) {
        this.status = status;
        this.trigger = trigger;
        this.settings = settings;
        this.approvals = approvals;
    }

    /** A JSON array, as the README documents it. */
    @Get(produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> list() {
        return ApiJson.response(HttpStatus.OK, ApiJson.list(status.environments())).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Get(uri = "/{env}", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> environment(@PathVariable String env) {
        Optional<EnvironmentStatus> found = status.environment(env);
        if (found.isEmpty()) return unknown(env);
        return ApiJson.response(HttpStatus.OK, ApiJson.detail(found.get())).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Post(uri = "/{env}/sync", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> sync(@PathVariable String env, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        Optional<MutableHttpResponse<String>> refused = ApiToken.refuse(settings, ApiToken.bearerToken(authorization), "sync API");
        if (refused.isPresent()) return refused.get();
        if (status.environment(env).isEmpty() || !trigger.syncEnvironment(env)) return unknown(env);
        LOG.info("Sync of {} requested through the API", env);
        ObjectNode body = ApiJson.object();
        body.put("environment", env);
        body.put("scheduled", true);
        return ApiJson.response(HttpStatus.ACCEPTED, body);
    }

    /**
     * {@code POST /api/environments/{env}/approve} with {@code {"commit": "<id>", "by": "<who>"}}: the
     * deployment waiting at its approval gate moves production, or the pending plan of a plan-only
     * environment is deployed — if it is of that commit (else 409, and nothing is recorded).
     */
    @Post(uri = "/{env}/approve", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> approve(@PathVariable String env, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                 @Nullable @Body String body) {
        return decide(env, authorization, body, Approvals.Decision.APPROVE);
    }

    /** {@code POST /api/environments/{env}/reject}, same body: the deployment waiting at its approval gate is rolled back. */
    @Post(uri = "/{env}/reject", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> reject(@PathVariable String env, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                @Nullable @Body String body) {
        return decide(env, authorization, body, Approvals.Decision.REJECT);
    }

    private HttpResponse<String> decide(String env, String authorization, String body, Approvals.Decision decision) {
        Optional<MutableHttpResponse<String>> refused = ApiToken.refuse(settings, ApiToken.bearerToken(authorization), "approval API");
        if (refused.isPresent()) return refused.get();
        ApprovalRequest request;
        try {
            request = ApprovalRequest.fromJson(body);
        } catch (IllegalArgumentException e) {
            return ApiJson.response(HttpStatus.BAD_REQUEST, ApiJson.error(e.getMessage(), null));
        }
        return ApprovalRequest.answer(env, request, decision, approvals, trigger, this::unknown);
    }

    private HttpResponse<String> unknown(String env) {
        List<String> known = status.environments().stream().map(EnvironmentStatus::name).toList();
        return ApiJson.response(HttpStatus.NOT_FOUND, ApiJson.error(new UnknownEnvironment(env, "", known).inOneLine(), known));
    }
}
