package io.turnout.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.turnout.apply.ApplyResult;
import io.turnout.events.DeploymentEvent.ApprovalRequested;
import io.turnout.events.DeploymentEvent.CommitIdentified;
import io.turnout.events.DeploymentEvent.DeploymentFinished;
import io.turnout.events.DeploymentEvent.DeploymentStarted;
import io.turnout.events.DeploymentEvent.DriftChecked;
import io.turnout.events.DeploymentEvents;
import io.turnout.plan.Plan;
import io.turnout.plan.PlanKind;
import io.turnout.plan.ServicePlan;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notifications end to end against a local HTTP server on 127.0.0.1: the Slack and webhook payloads
 * of a deployment's events (golden files in {@code golden-notifications/}; rewrite them with
 * {@code -Dturnout.golden.update=true}), the webhook's signature verified as a receiver would,
 * retries with backoff, and that a failing or slow receiver never holds up the publisher.
 */
class NotificationsTest {
    private static final boolean UPDATE = Boolean.getBoolean("turnout.golden.update");
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden-notifications");
    private static final String SECRET = "webhook-signing-secret";
    private static final String COMMIT = "4f2a9c1e0b7d3a5f6e8c9d0a1b2c3d4e5f6a7b8c";
    private static final Instant AT = Instant.parse("2026-01-01T10:00:00Z");

    /** One request the server received. */
    record Received(String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().getFirst())
                    .findFirst().orElse(null);
        }
    }

    private HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch hold = new CountDownLatch(0);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try {
                hold.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 200;
            if (status == 200) {
                received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(),
                        new String(body, StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        hold.countDown();
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private DeploymentEvents events(Dispatcher dispatcher) {
        return new DeploymentEvents().subscribe(new NoticeFeed(dispatcher, Optional.of("https://turnout.example.com")));
    }

    private Dispatcher dispatcher(Channel... channels) {
        return new Dispatcher(List.of(channels), 3, Duration.ofSeconds(2), Duration.ofMinutes(1), waits::add);
    }

    private static Plan plan() {
        return new Plan("production", Optional.of(COMMIT), List.of(
                new ServicePlan("web", PlanKind.BLUE_GREEN, "elb", List.of(), List.of(), Optional.of("nginx:1.27"),
                        Optional.of("nginx:1.28"), List.of()),
                new ServicePlan("api", PlanKind.IN_SYNC, "elb", List.of(), List.of(), Optional.empty(), Optional.empty(), List.of())),
                List.of());
    }

    private void deployment(DeploymentEvents events, ApplyResult result) {
        events.publish(new CommitIdentified("production", AT, COMMIT, "web: nginx 1.28 <beta> & more", "Alice Example <alice@example.com>"));
        events.publish(new DeploymentStarted("production", AT, Optional.of(COMMIT), plan()));
        events.publish(new DeploymentFinished("production", AT.plusSeconds(300), Optional.of(COMMIT), Optional.of(result),
                Duration.ofMinutes(5)));
    }

    private Received next() throws InterruptedException {
        Received r = received.poll(20, TimeUnit.SECONDS);
        assertNotNull(r, "the server received nothing");
        return r;
    }

    @Test
    void slackAndTheWebhookReceiveEachEventAsTheGoldenFilesSayAndTheSignatureVerifies() throws Exception {
        try (Dispatcher dispatcher = dispatcher(new SlackChannel(url("/slack/T000/B000/XXXX"), n -> true),
                new WebhookChannel(url("/hook"), SECRET.getBytes(StandardCharsets.UTF_8), n -> true))) {
            deployment(events(dispatcher), new ApplyResult(ApplyResult.Status.SUCCEEDED, List.of("applied 9 steps to production")));
            for (String kind : List.of("started", "applied")) {
                Received slack = next();
                assertEquals("/slack/T000/B000/XXXX", slack.path());
                golden("slack-" + kind + ".json", slack.body());
                Received hook = next();
                assertEquals("/hook", hook.path());
                assertEquals(kind, hook.header(WebhookChannel.EVENT_HEADER));
                golden("webhook-" + kind + ".json", hook.body());
                // what a receiver does: HMAC-SHA256 of the raw body with the shared secret, compared with the header
                assertEquals(WebhookChannel.signature(SECRET.getBytes(StandardCharsets.UTF_8), hook.body().getBytes(StandardCharsets.UTF_8)),
                        hook.header(WebhookChannel.SIGNATURE_HEADER));
                assertTrue(hook.header(WebhookChannel.SIGNATURE_HEADER).matches("sha256=[0-9a-f]{64}"));
                assertFalse(hook.body().contains(SECRET), "the secret never travels");
            }
        }
    }

    @Test
    void rollbacksDriftAndWaitingApprovalsAreToldOnce() throws Exception {
        try (Dispatcher dispatcher = dispatcher(new WebhookChannel(url("/hook"), SECRET.getBytes(StandardCharsets.UTF_8), n -> true))) {
            DeploymentEvents events = events(dispatcher);
            deployment(events, new ApplyResult(ApplyResult.Status.ROLLED_BACK, List.of(
                    "web: step 5 failed: alarm web-5xx-rate is in ALARM", "rolled back web: production traffic swapped back to web-a")));
            assertEquals("started", next().header(WebhookChannel.EVENT_HEADER));
            golden("webhook-rolled-back.json", next().body());
            for (int poll = 0; poll < 3; poll++) {
                events.publish(new ApprovalRequested("production", AT, Optional.of(COMMIT), "web", "web--b", AT, AT.plus(Duration.ofHours(24))));
                events.publish(new DriftChecked("production", AT, COMMIT, List.of("web: service/desiredCount 4 → 3 (in place, 1 steps to restore)")));
            }
            golden("webhook-waiting-for-approval.json", next().body());
            golden("webhook-drift.json", next().body());
            assertNull(received.poll(500, TimeUnit.MILLISECONDS), "each told once, not at every poll");
        }
    }

    @Test
    void aReceiverThatFailsIsRetriedWithBackoff() throws Exception {
        failuresLeft.set(2);
        try (Dispatcher dispatcher = dispatcher(new SlackChannel(url("/slack"), n -> n.kind() == Notice.Kind.APPLIED))) {
            deployment(events(dispatcher), new ApplyResult(ApplyResult.Status.SUCCEEDED, List.of("applied")));
            assertTrue(next().body().contains("Deployed"));
        }
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4)), waits, "2 s, then 4 s");
    }

    @Test
    void aSlowOrDeadReceiverNeverHoldsUpTheDeployment() throws Exception {
        hold = new CountDownLatch(1);
        failuresLeft.set(100);
        try (Dispatcher dispatcher = dispatcher(new SlackChannel(url("/slack"), n -> true),
                new WebhookChannel(URI.create("http://127.0.0.1:1/unreachable"), new byte[0], n -> true))) {
            DeploymentEvents events = events(dispatcher);
            // the server holds every request and the other receiver does not exist: publishing returns all the same
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
                deployment(events, new ApplyResult(ApplyResult.Status.SUCCEEDED, List.of("applied")));
                events.publish(new DriftChecked("production", AT, COMMIT, List.of("web: changed outside Git")));
            });
            publishing.get(10, TimeUnit.SECONDS);
            assertEquals(1, hold.getCount(), "published while the receiver still holds the first request");
            hold.countDown();
        }
    }

    private static void golden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        String pretty = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                .writeValueAsString(JsonMapper.builder().build().readTree(actual)) + "\n";
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, pretty);
        }
        assertTrue(Files.exists(file), file + " is missing: run with -Dturnout.golden.update=true");
        assertEquals(Files.readString(file), pretty, file + " differs (run with -Dturnout.golden.update=true to accept)");
    }
}
