package io.turnout.review;

import io.turnout.time.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small JSON client of one code host's REST API (GitHub or GitLab) on the JDK
 * {@link HttpClient}: relative paths under the configured base URL (GitHub Enterprise and
 * self-managed GitLab have their own), retries with backoff, {@code Link}-header pagination,
 * and errors that say host, method, endpoint and what to do — never the token, which is
 * scrubbed from anything the host echoes back as well.
 */
final class ApiClient {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int MAX_ATTEMPTS = 5;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    /** A pull request with more comments than 100 pages of 100 is not something to page through. */
    private static final int MAX_PAGES = 100;

    /** What the host answered. */
    record Response(int status, String body, HttpHeaders headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body.isEmpty() ? "null" : body);
            } catch (JacksonException e) {
                throw new ReviewApiException("the answer is not JSON: " + e.getOriginalMessage(), status);
            }
        }
    }

    /** How the host is named in messages and how it wants to be authenticated. */
    record Host(String name, URI base, Map<String, String> headers, String secret, String tokenVariable, String permissionHint) {
        Host {
            Objects.requireNonNull(secret, "secret");
            String b = base.toString();
            base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        }
    }

    private final Host host;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final InstantSource clock;

    ApiClient(Host host, HttpClient http, Sleeper sleeper, InstantSource clock) {
        this.host = host;
        this.http = http;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    static HttpClient defaultHttpClient() {
        // Redirects are not followed: a redirect to another host would carry the token along.
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    URI resolve(String path) {
        return URI.create(host.base() + path);
    }

    Response get(String path) {
        return send("GET", resolve(path), null);
    }

    Response send(String method, String path, JsonNode body) {
        return send(method, resolve(path), body);
    }

    /** Every element of a paginated JSON array, following {@code rel="next"} links. */
    List<JsonNode> list(String path) {
        List<JsonNode> all = new ArrayList<>();
        URI next = resolve(path);
        for (int page = 0; next != null; page++) {
            if (page == MAX_PAGES) {
                throw new ReviewApiException(host.name() + " listed more than " + MAX_PAGES + " pages at " + endpoint(resolve(path))
                        + ": stopping rather than paging forever", 0);
            }
            Response response = send("GET", next, null);
            JsonNode items = response.json();
            if (!items.isArray()) {
                throw new ReviewApiException(host.name() + " answered GET " + endpoint(next) + " with something other than a list", response.status());
            }
            items.forEach(all::add);
            next = LinkHeader.next(response.headers().allValues("link")).map(this::sameOrigin).orElse(null);
        }
        return all;
    }

    /** The token goes only to the configured API: a pagination link elsewhere is refused. */
    private URI sameOrigin(URI link) {
        URI base = host.base();
        boolean same = Objects.equals(link.getScheme(), base.getScheme()) && Objects.equals(link.getHost(), base.getHost())
                && link.getPort() == base.getPort();
        if (!same) {
            throw new ReviewApiException(host.name() + " sent a pagination link to another host (" + link.getHost()
                    + "); not following it with the token. Check the API base URL", 0);
        }
        return link;
    }

    Response send(String method, URI uri, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").header("User-Agent", "turnout");
        host.headers().forEach(request::header);
        if (body != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest built = request.build();
        for (int attempt = 1; ; attempt++) {
            Response response;
            try {
                HttpResponse<String> answer = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                response = new Response(answer.statusCode(), answer.body(), answer.headers());
            } catch (IOException e) {
                if (attempt < MAX_ATTEMPTS) {
                    pause(backoff(attempt));
                    continue;
                }
                throw new ReviewApiException("cannot reach " + host.name() + " at " + method + " " + endpoint(uri) + " after "
                        + attempt + " attempts (" + scrub(String.valueOf(e.getMessage())) + "): check the API URL and the network", 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReviewApiException("interrupted while calling " + host.name() + " at " + method + " " + endpoint(uri), 0);
            }
            if (response.status() / 100 == 2) return response;
            Optional<Duration> retryIn = retryDelay(response, attempt);
            if (retryIn.isPresent() && attempt < MAX_ATTEMPTS) {
                pause(retryIn.get());
                continue;
            }
            throw failure(method, uri, response, attempt);
        }
    }

    /** When (and whether) to try again: server errors, 429, and GitHub's secondary rate limits (403 + Retry-After). */
    private Optional<Duration> retryDelay(Response response, int attempt) {
        int status = response.status();
        Optional<Duration> retryAfter = response.headers().firstValue("retry-after").flatMap(ApiClient::seconds);
        boolean rateLimited = status == 429 || (status == 403 && (retryAfter.isPresent()
                || "0".equals(response.headers().firstValue("x-ratelimit-remaining").orElse(null))
                || response.body().toLowerCase(Locale.ROOT).contains("rate limit")));
        if (status < 500 && !rateLimited) return Optional.empty();
        if (retryAfter.isPresent()) return Optional.of(min(retryAfter.get(), MAX_BACKOFF));
        // GitHub's primary limit says when the window resets (epoch seconds); wait for it if that is soon.
        Optional<Duration> untilReset = response.headers().firstValue("x-ratelimit-reset").flatMap(ApiClient::seconds)
                .map(epoch -> Duration.between(clock.instant(), Instant.ofEpochSecond(epoch.toSeconds())))
                .filter(d -> !d.isNegative());
        if (rateLimited && untilReset.isPresent()) return Optional.of(min(untilReset.get(), MAX_BACKOFF));
        return Optional.of(backoff(attempt));
    }

    private static Duration backoff(int attempt) {
        return min(FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 10)), MAX_BACKOFF);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void pause(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReviewApiException("interrupted while waiting to retry a call to " + host.name(), 0);
        }
    }

    private ReviewApiException failure(String method, URI uri, Response response, int attempts) {
        int status = response.status();
        String said = hostMessage(response);
        String what = switch (status) {
            case 401 -> "the token was refused: set " + host.tokenVariable() + " to a valid token";
            case 403 -> "the token may not do this: " + host.permissionHint();
            case 404 -> "not found: check the repository or project and the pull/merge request number, and that the token can see them";
            case 429 -> "rate limited, still after " + attempts + " attempts: run the job again later";
            default -> status >= 500 ? host.name() + " kept failing (" + attempts + " attempts): run the job again later"
                    : "the request was refused";
        };
        return new ReviewApiException(host.name() + " answered " + status + " to " + method + " " + endpoint(uri)
                + (said.isEmpty() ? "" : " (\"" + said + "\")") + ": " + what, status);
    }

    /** The host's own error text, shortened and with the token scrubbed (hosts sometimes echo the request). */
    private String hostMessage(Response response) {
        String text = "";
        try {
            JsonNode json = JSON.readTree(response.body());
            for (String field : new String[] {"message", "error", "error_description"}) {
                if (json != null && json.has(field)) {
                    text = json.get(field).isString() ? json.get(field).asString() : json.get(field).toString();
                    break;
                }
            }
        } catch (JacksonException notJson) {
            text = response.body();
        }
        text = scrub(text.replaceAll("\\s+", " ").trim());
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private String endpoint(URI uri) {
        return scrub(uri.toString());
    }

    String scrub(String text) {
        return host.secret().isEmpty() ? text : text.replace(host.secret(), "***");
    }

    String hostName() {
        return host.name();
    }
}
