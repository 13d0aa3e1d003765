package io.turnout.agent.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.turnout.status.AgentStatus;
import io.turnout.status.EnvironmentStatus;
import io.turnout.status.SyncTrigger;
import io.turnout.status.UnknownEnvironment;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON API over the agent's read model, and the one write: asking for a sync now.
 *
 * <p>{@code POST /api/environments/{env}/sync} checks, in this order: a token is configured
 * (else 403, the endpoint is disabled), the request carries {@code Authorization: Bearer <token>}
 * equal to it (else 401 with {@code WWW-Authenticate: Bearer}), the environment exists (else 404,
 * after authentication so that strangers cannot probe names). Reads need no token: they show
 * what the status page shows.
 */
@Controller("/api/environments")
final class EnvironmentsController {
    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentsController.class);
    private static final String BEARER = "bearer ";

    private final AgentStatus status;
    private final SyncTrigger trigger;
    private final HttpSettings settings;

    EnvironmentsController(AgentStatus status, SyncTrigger trigger, HttpSettings settings) {
        this.status = status;
        this.trigger = trigger;
        this.settings = settings;
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
        if (settings.apiToken().isEmpty()) {
            return ApiJson.response(HttpStatus.FORBIDDEN,
                    ApiJson.error("sync API disabled: set turnout.api.token (environment variable TURNOUT_API_TOKEN)", null));
        }
        Optional<String> presented = bearerToken(authorization);
        if (presented.isEmpty() || !settings.apiToken().get().matches(presented.get())) {
            // the presented value is never logged: a wrong token is often a right token for something else
            String problem = presented.isEmpty() ? "missing bearer token" : "wrong bearer token";
            LOG.warn("Sync API: rejected a request for {}: {}", env, problem);
            return ApiJson.response(HttpStatus.UNAUTHORIZED,
                            ApiJson.error(problem + ": send the header Authorization: Bearer <turnout.api.token>", null))
                    .header(HttpHeaders.WWW_AUTHENTICATE, presented.isEmpty()
                            ? "Bearer realm=\"turnout\""
                            : "Bearer realm=\"turnout\", error=\"invalid_token\"");
        }
        if (status.environment(env).isEmpty() || !trigger.syncEnvironment(env)) return unknown(env);
        LOG.info("Sync of {} requested through the API", env);
        ObjectNode body = ApiJson.object();
        body.put("environment", env);
        body.put("scheduled", true);
        return ApiJson.response(HttpStatus.ACCEPTED, body);
    }

    private HttpResponse<String> unknown(String env) {
        List<String> known = status.environments().stream().map(EnvironmentStatus::name).toList();
        return ApiJson.response(HttpStatus.NOT_FOUND, ApiJson.error(new UnknownEnvironment(env, "", known).inOneLine(), known));
    }

    /** The token of {@code Authorization: Bearer <token>}; the scheme is case-insensitive (RFC 7235). */
    static Optional<String> bearerToken(@Nullable String authorization) {
        if (authorization == null) return Optional.empty();
        String value = authorization.strip();
        if (value.length() <= BEARER.length() || !value.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return Optional.empty();
        }
        String token = value.substring(BEARER.length()).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
