package io.turnout.agent.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's write endpoints (sync, approve, reject) and the status page's approval form all ask
 * for {@code turnout.api.token}: 403 while none is configured (the endpoint is disabled), 401 with
 * {@code WWW-Authenticate: Bearer} for a missing or wrong one. The presented value is never logged:
 * a wrong token is often a right token for something else.
 */
final class ApiToken {
    private static final Logger LOG = LoggerFactory.getLogger(ApiToken.class);
    private static final String BEARER = "bearer ";

    private ApiToken() {
    }

    /** Empty when {@code presented} is the configured token; else the JSON error response to send. */
    static Optional<MutableHttpResponse<String>> refuse(HttpSettings settings, Optional<String> presented, String what) {
        if (settings.apiToken().isEmpty()) {
            return Optional.of(ApiJson.response(HttpStatus.FORBIDDEN,
                    ApiJson.error(what + " disabled: set turnout.api.token (environment variable TURNOUT_API_TOKEN)", null)));
        }
        if (presented.isPresent() && settings.apiToken().get().matches(presented.get())) return Optional.empty();
        String problem = presented.isEmpty() ? "missing bearer token" : "wrong bearer token";
        LOG.warn("{}: rejected a request: {}", what, problem);
        return Optional.of(ApiJson.response(HttpStatus.UNAUTHORIZED,
                        ApiJson.error(problem + ": send the header Authorization: Bearer <turnout.api.token>", null))
                .header(HttpHeaders.WWW_AUTHENTICATE, presented.isEmpty()
                        ? "Bearer realm=\"turnout\""
                        : "Bearer realm=\"turnout\", error=\"invalid_token\""));
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
