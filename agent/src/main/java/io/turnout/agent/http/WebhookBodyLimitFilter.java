package io.turnout.agent.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Refuses a webhook whose declared {@code Content-Length} exceeds
 * {@code turnout.webhooks.max-body-bytes} with 413 before its body is read or hashed. A chunked
 * body without a length is measured by the hook itself once received (bounded by Micronaut's
 * {@code micronaut.server.max-request-size}).
 */
@ServerFilter("/hooks/**")
final class WebhookBodyLimitFilter {
    private final HttpSettings settings;

    WebhookBodyLimitFilter(HttpSettings settings) {
        this.settings = settings;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> limit(HttpRequest<?> request) {
        long length = request.getContentLength();
        if (length > settings.maxWebhookBodyBytes()) return tooLarge(settings.maxWebhookBodyBytes());
        return null;
    }

    static HttpResponse<String> tooLarge(int max) {
        return ApiJson.response(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                ApiJson.error("payload larger than " + max + " bytes (turnout.webhooks.max-body-bytes)", null));
    }
}
