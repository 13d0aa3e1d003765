package io.turnout.agent.http;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The agent's HTTP server on 127.0.0.1 at a random port, with {@link FakeAgentStatus} and
 * {@link RecordingSyncTrigger} in place of the agent, and a JDK HTTP client to call it.
 */
final class TestServer implements AutoCloseable {
    static final String FAKE_AGENT = "turnout.test.fake-agent";

    private final EmbeddedServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private TestServer(EmbeddedServer server) {
        this.server = server;
    }

    static TestServer start(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("micronaut.server.host", "127.0.0.1");
        all.put("micronaut.server.port", -1);
        all.put(FAKE_AGENT, "true");
        return new TestServer(ApplicationContext.run(EmbeddedServer.class, all));
    }

    static TestServer start() {
        return start(Map.of());
    }

    FakeAgentStatus status() {
        return server.getApplicationContext().getBean(FakeAgentStatus.class);
    }

    RecordingSyncTrigger trigger() {
        return server.getApplicationContext().getBean(RecordingSyncTrigger.class);
    }

    ApplicationContext context() {
        return server.getApplicationContext();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** POST {@code body} with headers given as name, value, name, value … */
    HttpResponse<String> post(String path, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return send(request);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
