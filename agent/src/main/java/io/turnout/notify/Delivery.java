package io.turnout.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTP POST of a JSON payload with the JDK's client: a 2xx is delivered; a 429 or 5xx or a
 * connection failure is worth another try ({@link IOException}); another 4xx is not
 * ({@link Rejected}: the URL or the secret is wrong, retrying cannot help).
 */
final class Delivery {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A delivery the receiver refused for good (4xx other than 429). */
    static final class Rejected extends IOException {
        Rejected(String message) {
            super(message);
        }
    }

    /** @param where how the target is named in errors (its host, never the secret URL) */
    void post(URI url, String where, byte[] json, Map<String, String> headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("User-Agent", "turnout")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while posting to " + where, e);
        } catch (IOException e) {
            throw new IOException("cannot reach " + where + ": " + e.getClass().getSimpleName(), e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) return;
        String text = response.body().length() > 200 ? response.body().substring(0, 200) + "…" : response.body();
        if (status == 429 || status >= 500) throw new IOException(where + " answered " + status + ": " + text);
        throw new Rejected(where + " answered " + status + ": " + text + " (check the URL and the secret; not retried)");
    }
}
