package io.turnout.agent.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.turnout.status.SyncTrigger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Push webhooks: a push to the spec repository makes the agent poll now instead of at its next
 * interval. The payload only says WHICH repository moved; the agent still fetches and validates
 * the commit itself, so a webhook can make Turnout poll early but never tells it what to deploy.
 *
 * <p>Each hook checks, in this order: its secret is configured (else 403: an unsigned hook is
 * never accepted), the body fits (else 413), the signature or token matches (else 401, and
 * nothing is triggered), then the event. Responses: {@code ping} 200; a branch push 202 with the
 * number of environments scheduled; tag pushes and other events 202 and ignored (Turnout's own
 * commit marks are tags, so polling on them would only poll again for nothing).
 */
@Controller("/hooks")
final class WebhookController {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookController.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String GITLAB_TOKEN_HEADER = "X-Gitlab-Token";

    private final SyncTrigger trigger;
    private final HttpSettings settings;
    private final MeterRegistry meters;

    WebhookController(SyncTrigger trigger, HttpSettings settings, MeterRegistry meters) {
        this.trigger = trigger;
        this.settings = settings;
        this.meters = meters;
    }

    @Post(uri = "/github", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> github(@Nullable @Header("X-GitHub-Event") String event,
                                @Nullable @Header(GitHubSignature.HEADER) String signature,
                                @Nullable @Header("X-GitHub-Delivery") String delivery,
                                @Nullable @Header(HttpHeaders.CONTENT_TYPE) String contentType,
                                @Nullable @Body byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        Optional<Secret> secret = settings.githubSecret();
        if (secret.isEmpty()) {
            return count("github", "disabled", disabled("GitHub", "turnout.webhooks.github.secret"));
        }
        if (raw.length > settings.maxWebhookBodyBytes()) {
            return count("github", "too_large", WebhookBodyLimitFilter.tooLarge(settings.maxWebhookBodyBytes()));
        }
        if (!GitHubSignature.verify(secret.get(), raw, signature)) {
            LOG.warn("GitHub webhook (delivery {}) rejected: {}", clean(delivery), signature == null
                    ? GitHubSignature.HEADER + " missing; set the webhook's secret in GitHub"
                    : GitHubSignature.HEADER + " does not match; the webhook's secret differs from turnout.webhooks.github.secret");
            return count("github", "rejected", unauthorized("signature " + (signature == null ? "missing" : "does not match")
                    + ": sign with the secret configured as turnout.webhooks.github.secret"));
        }
        if (event == null) return count("github", "bad_request", badRequest("X-GitHub-Event header missing"));
        if (event.equals("ping")) {
            ObjectNode pong = ApiJson.object();
            pong.put("event", "ping");
            pong.put("ok", true);
            return count("github", "ping", ApiJson.response(HttpStatus.OK, pong));
        }
        if (!event.equals("push")) return count("github", "ignored", ignored(event, "only push events trigger a poll"));
        JsonNode payload;
        try {
            payload = githubPayload(raw, contentType);
        } catch (JacksonException | IllegalArgumentException e) {
            return count("github", "bad_request", badRequest("push payload is not JSON; set the webhook's content type to application/json"));
        }
        if (payload.path("ref").asString("").startsWith("refs/tags/")) {
            return count("github", "ignored", ignored(event, "tag push"));
        }
        return counted("github", poll("GitHub", event, List.of(
                payload.at("/repository/full_name").asString(""),
                payload.at("/repository/clone_url").asString(""))));
    }

    @Post(uri = "/gitlab", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> gitlab(@Nullable @Header("X-Gitlab-Event") String event,
                                @Nullable @Header(GITLAB_TOKEN_HEADER) String token,
                                @Nullable @Body byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        Optional<Secret> secret = settings.gitlabToken();
        if (secret.isEmpty()) {
            return count("gitlab", "disabled", disabled("GitLab", "turnout.webhooks.gitlab.token"));
        }
        if (raw.length > settings.maxWebhookBodyBytes()) {
            return count("gitlab", "too_large", WebhookBodyLimitFilter.tooLarge(settings.maxWebhookBodyBytes()));
        }
        if (!secret.get().matches(token)) {
            LOG.warn("GitLab webhook rejected: {}", token == null
                    ? GITLAB_TOKEN_HEADER + " missing; set the webhook's secret token in GitLab"
                    : GITLAB_TOKEN_HEADER + " does not match turnout.webhooks.gitlab.token");
            return count("gitlab", "rejected", unauthorized("token " + (token == null ? "missing" : "does not match")
                    + ": set the webhook's secret token to turnout.webhooks.gitlab.token"));
        }
        if (event == null) return count("gitlab", "bad_request", badRequest("X-Gitlab-Event header missing"));
        if (!event.equals("Push Hook")) return count("gitlab", "ignored", ignored(event, "only Push Hook events trigger a poll"));
        JsonNode payload;
        try {
            payload = JSON.readTree(raw);
        } catch (JacksonException e) {
            return count("gitlab", "bad_request", badRequest("push payload is not JSON"));
        }
        return counted("gitlab", poll("GitLab", event, List.of(
                payload.at("/project/path_with_namespace").asString(""),
                payload.at("/project/git_http_url").asString(""),
                payload.at("/project/git_ssh_url").asString(""))));
    }

    /**
     * Asks for a poll by the first name of the repository that some environment follows: the
     * {@code owner/name} path first, then the clone URLs, so that one push schedules each
     * environment once.
     */
    private HttpResponse<String> poll(String provider, String event, List<String> names) {
        List<String> present = names.stream().filter(n -> !n.isBlank()).toList();
        if (present.isEmpty()) return badRequest(event + " payload names no repository");
        int scheduled = 0;
        for (String name : present) {
            scheduled = trigger.pollRepository(name);
            if (scheduled > 0) break;
        }
        LOG.info("{} push for {}: {} environment(s) scheduled to poll", provider, clean(present.getFirst()), scheduled);
        ObjectNode body = ApiJson.object();
        body.put("event", event);
        body.put("repository", present.getFirst());
        body.put("scheduledEnvironments", scheduled);
        if (scheduled == 0) body.put("note", "no environment follows this repository");
        return ApiJson.response(HttpStatus.ACCEPTED, body);
    }

    /**
     * GitHub sends the payload as the body ({@code application/json}) or as the form field
     * {@code payload} ({@code application/x-www-form-urlencoded}); the signature covers the raw body
     * either way.
     */
    private static JsonNode githubPayload(byte[] raw, @Nullable String contentType) {
        if (contentType != null && contentType.startsWith(MediaType.APPLICATION_FORM_URLENCODED)) {
            String form = new String(raw, StandardCharsets.UTF_8);
            for (String field : form.split("&")) {
                if (field.startsWith("payload=")) {
                    return JSON.readTree(URLDecoder.decode(field.substring("payload=".length()), StandardCharsets.UTF_8));
                }
            }
            throw new IllegalArgumentException("form without a payload field");
        }
        return JSON.readTree(raw);
    }

    private HttpResponse<String> counted(String provider, HttpResponse<String> pollResponse) {
        return count(provider, pollResponse.status() == HttpStatus.ACCEPTED ? "accepted" : "bad_request", pollResponse);
    }

    private HttpResponse<String> count(String provider, String result, HttpResponse<String> response) {
        meters.counter("turnout.webhooks", "provider", provider, "result", result).increment();
        return response;
    }

    private static HttpResponse<String> disabled(String provider, String key) {
        return ApiJson.response(HttpStatus.FORBIDDEN,
                ApiJson.error(provider + " webhook disabled: set " + key + " (unsigned payloads are never accepted)", null));
    }

    private static HttpResponse<String> unauthorized(String message) {
        return ApiJson.response(HttpStatus.UNAUTHORIZED, ApiJson.error(message, null));
    }

    private static HttpResponse<String> badRequest(String message) {
        return ApiJson.response(HttpStatus.BAD_REQUEST, ApiJson.error(message, null));
    }

    private static HttpResponse<String> ignored(String event, String reason) {
        ObjectNode body = ApiJson.object();
        body.put("event", event);
        body.put("ignored", true);
        body.put("reason", reason);
        return ApiJson.response(HttpStatus.ACCEPTED, body);
    }

    /** A header or payload value fit for one log line: no control characters, at most 200 characters. */
    private static String clean(@Nullable String value) {
        if (value == null) return "-";
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 200 ? printable.substring(0, 200) + "…" : printable;
    }
}
