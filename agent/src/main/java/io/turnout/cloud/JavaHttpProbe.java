package io.turnout.cloud;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP checks with {@code java.net.http}: GET against the load balancer's DNS name and the
 * stage listener's port. Redirects are not followed (a check that expects 200 and gets a
 * redirect to a login page must fail). The body is read up to 64 KiB.
 *
 * <p>Quirk: the load balancer's own DNS name ({@code shop-alb-123.eu-west-1.elb.amazonaws.com})
 * is rarely on the listener's certificate, so an HTTPS check fails hostname verification
 * unless the certificate covers it; use an HTTP stage listener, or a certificate with that
 * name, for HTTP checks.
 */
public final class JavaHttpProbe implements HttpProbe {
    private static final int MAX_BODY = 64 * 1024;
    private final HttpClient client;

    public JavaHttpProbe() {
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public Response get(URI uri, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("User-Agent", "turnout-verify").build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.body();
            int length = Math.min(body.length, MAX_BODY);
            return new Response(response.statusCode(), new String(body, 0, length, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Response(0, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(0, "interrupted");
        }
    }
}
