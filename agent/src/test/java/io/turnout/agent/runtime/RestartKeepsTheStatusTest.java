package io.turnout.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.turnout.reconcile.ReconcileFixtures;
import io.turnout.status.AgentStatus;
import io.turnout.status.CommitOutcome.Outcome;
import io.turnout.status.EnvironmentStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A restart keeps everything: the agent deploys production, plans staging (plan-only, with a
 * pending plan) and records an invalid commit; stopped and started again on the same data
 * directory (the embedded store), its API and status page show what they showed before — apart
 * from the new process's poll times.
 */
class RestartKeepsTheStatusTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private EmbeddedServer start(ReconcileFixtures.Fixture fx) {
        return SimulatedAgent.start(fx, dir.resolve("data"), Map.of());
    }

    private String get(EmbeddedServer server, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
        return response.body();
    }

    /** The API document without the new process's poll time. */
    private ObjectNode withoutPollTime(String json) {
        ObjectNode node = (ObjectNode) JSON.readTree(json);
        node.remove("lastPoll");
        return node;
    }

    /** The page without the times of the process that renders it: when it was rendered, and the last polls. */
    private static String withoutNewTimes(String page) {
        return page.replaceAll("rendered <time[^>]*>[^<]*</time>", "rendered T")
                .replaceAll("(<dt>Last poll</dt><dd>)<time[^>]*>[^<]*</time>", "$1T");
    }

    private static boolean polledSince(AgentStatus status, String environment, Instant since) {
        return status.environment(environment).flatMap(EnvironmentStatus::lastPoll).map(p -> p.isAfter(since)).orElse(false);
    }

    @Test
    void theApiAndTheStatusPageShowWhatTheyShowedBefore() throws Exception {
        try (ReconcileFixtures.Fixture fx = ReconcileFixtures.exampleRepository(dir)) {
            fx.repo().change("environments/staging.yaml", "policy: auto-apply", "policy: plan-only", "staging: plan-only");
            String production;
            String staging;
            String page;
            Instant stopped;
            try (EmbeddedServer first = start(fx)) {
                AgentStatus status = first.getApplicationContext().getBean(AgentStatus.class);
                AgentApplicationTest.await(Duration.ofSeconds(90), () -> status.environment("production").flatMap(EnvironmentStatus::lastOutcome)
                        .map(o -> o.outcome() == Outcome.APPLIED).orElse(false) && status.environment("staging")
                        .flatMap(EnvironmentStatus::pendingPlan).isPresent(), () -> status.environments().toString());
                // an invalid commit: recorded INVALID in both environments, nothing applied
                String invalid = fx.repo().change("services/web/web.taskdef.json", "\"cpu\": \"256\"", "\"cpu\": 256,,", "broken json");
                first.getApplicationContext().getBean(io.turnout.status.SyncTrigger.class).pollRepository(fx.url());
                AgentApplicationTest.await(Duration.ofSeconds(90), () -> status.environments().stream().allMatch(e -> e.lastOutcome()
                        .map(o -> o.commit().equals(invalid)).orElse(false)), () -> status.environments().toString());
                production = get(first, "/api/environments/production");
                staging = get(first, "/api/environments/staging");
                page = get(first, "/");
                stopped = Instant.now();
            }
            try (EmbeddedServer second = start(fx)) {
                AgentStatus status = second.getApplicationContext().getBean(AgentStatus.class);
                AgentApplicationTest.await(Duration.ofSeconds(90), () -> polledSince(status, "production", stopped) && polledSince(status, "staging", stopped),
                        () -> status.environments().toString());
                assertEquals(withoutPollTime(production), withoutPollTime(get(second, "/api/environments/production")));
                assertEquals(withoutPollTime(staging), withoutPollTime(get(second, "/api/environments/staging")));
                ObjectNode after = withoutPollTime(get(second, "/api/environments/staging"));
                assertFalse(after.get("pendingPlan").isNull(), "the pending plan survived");
                assertEquals("INVALID", after.get("lastOutcome").get("outcome").asString());
                assertTrue(after.get("recent").size() >= 2, "planned, then invalid: " + after.get("recent"));
                String pageAfter = get(second, "/");
                assertEquals(withoutNewTimes(page), withoutNewTimes(pageAfter), "the status page shows the same, but for the new process's times");
                assertTrue(pageAfter.contains("INVALID"), pageAfter);
            }
        }
    }
}
