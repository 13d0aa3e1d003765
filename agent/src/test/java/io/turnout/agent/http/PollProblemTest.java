package io.turnout.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.turnout.pipeline.PlanningStep;
import io.turnout.plan.Planner;
import io.turnout.reconcile.ReconcileFixtures;
import io.turnout.status.CommitOutcome.Outcome;
import io.turnout.status.EnvironmentStatus;
import io.turnout.text.log.CapturedLog;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * DESIGN.md invariant 8 (issue 11): a poll that meets a bug — here the planner throws — shows the
 * environment's problem on the status page, in {@code GET /api/environments/{env}}, in the details
 * of {@code /health} and in a metric, until a poll goes well; the log has one line (with the stack
 * trace) when it starts and one when it clears, not one per poll.
 */
class PollProblemTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void aPlannerThatThrowsIsShownEverywhereAndLoggedOnce() throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        Planner planner = new Planner();
        PlanningStep planning = new PlanningStep((environment, desired, live, commit) -> {
            if (broken.get()) throw new IllegalStateException("planner bug for the test");
            return planner.plan(environment, desired, live, commit);
        });
        try (ReconcileFixtures.Fixture fx = ReconcileFixtures.exampleRepository(dir);
             ReconcileFixtures.OneEnvironment production = fx.environment("production", dir.resolve("data"), planning);
             CapturedLog eventLog = CapturedLog.of("io.turnout.eventlog");
             CapturedLog reconcileLog = CapturedLog.of("io.turnout.reconcile");
             TestServer server = TestServer.start()) {
            for (int poll = 0; poll < 3; poll++) production.reconcile();

            EnvironmentStatus status = production.board().environment("production").orElseThrow();
            assertTrue(status.lastOutcome().isEmpty(), "a bug decides nothing about the commit");
            var problem = status.problem().orElseThrow();
            assertEquals("unexpected IllegalStateException", problem.kind());
            assertEquals(3, problem.failedPolls());
            assertTrue(problem.what().contains("planner bug for the test"), problem.what());
            assertTrue(problem.what().contains("This is a bug in Turnout"), problem.what());
            assertTrue(problem.what().contains("Retrying at the next poll"), problem.what());
            server.status().set(production.board().environments());

            // the status page: a banner at the top of the environment, with since when and the next retry
            String page = server.get("/").body();
            int section = page.indexOf("id=\"env-production\"");
            int banner = page.indexOf("class=\"banner problem\"", section);
            assertTrue(banner > section && banner < page.indexOf("<dl class=\"facts\">", section), "at the environment's top");
            assertTrue(page.substring(banner).startsWith("class=\"banner problem\" role=\"alert\"><strong>Problem:</strong> unexpected error"
                    + " while reconciling: IllegalStateException: planner bug for the test"), page.substring(banner, banner + 300));
            assertTrue(page.contains("since <time datetime=\"" + problem.since() + "\""), "since when");
            assertTrue(page.contains("(3 polls in a row) · next retry <time datetime=\"" + problem.nextRetry() + "\""), "next retry");
            assertTrue(page.contains("head " + status.headCommit().orElseThrow().substring(0, 12) + " not deployed yet: unexpected error"),
                    "the head that is not live says so");

            // the API
            JsonNode api = JSON.readTree(server.get("/api/environments/production").body());
            assertEquals("unexpected IllegalStateException", api.at("/problem/kind").asString());
            assertEquals(problem.what(), api.at("/problem/what").asString());
            assertEquals(problem.since().toString(), api.at("/problem/since").asString());
            assertEquals(problem.nextRetry().toString(), api.at("/problem/nextRetry").asString());
            assertEquals(3, api.at("/problem/failedPolls").asInt());
            assertFalse(api.at("/problem/transient").asBoolean(), "a bug needs a person");
            assertEquals(problem.what(), JSON.readTree(server.get("/api/environments").body()).at("/0/problem/what").asString());

            // /health: ready (the page must stay reachable), the problem in the readiness details
            HttpResponse<String> health = server.get("/health");
            assertEquals(200, health.statusCode());
            JsonNode readiness = JSON.readTree(health.body()).at("/checks/environments");
            assertTrue(readiness.get("detail").asString().startsWith("1 environment polled; 1 with a problem: production: unexpected error"),
                    readiness.get("detail").asString());
            assertEquals(problem.what(), readiness.at("/problems/production/what").asString());
            assertEquals(problem.nextRetry().toString(), readiness.at("/problems/production/nextRetry").asString());
            assertEquals(problem.what(), JSON.readTree(server.get("/health/readiness").body())
                    .at("/checks/environments/problems/production/what").asString());

            // a metric
            assertEquals(1.0, production.metrics().registry().get("turnout.environment.problem").tag("environment", "production")
                    .gauge().value());
            assertEquals(3.0, production.metrics().registry().get("turnout.poll.failures").tag("environment", "production")
                    .counter().count());

            // logged once, with the stack trace once; nothing else logged an error or a stack trace
            List<ILoggingEvent> started = eventLog.containing("production: problem: unexpected error");
            assertEquals(1, started.size(), () -> eventLog.events().toString());
            assertEquals(Level.WARN, started.getFirst().getLevel());
            assertNotNull(started.getFirst().getThrowableProxy(), "the bug's stack trace, once");
            assertEquals(1, eventLog.events().stream().filter(e -> e.getThrowableProxy() != null).count());
            assertTrue(reconcileLog.events().stream().noneMatch(e -> e.getThrowableProxy() != null || e.getLevel() == Level.ERROR),
                    () -> reconcileLog.events().toString());

            // the planner works again: the next poll deploys, the problem clears, logged once more
            broken.set(false);
            production.reconcile();
            status = production.board().environment("production").orElseThrow();
            assertEquals(Outcome.APPLIED, status.lastOutcome().orElseThrow().outcome());
            assertTrue(status.problem().isEmpty());
            assertEquals(1, eventLog.containing("production: problem cleared after").size(), () -> eventLog.events().toString());
            assertEquals(Level.INFO, eventLog.containing("production: problem cleared after").getFirst().getLevel());
            assertEquals(0.0, production.metrics().registry().get("turnout.environment.problem").tag("environment", "production")
                    .gauge().value());
            server.status().set(production.board().environments());
            assertTrue(JSON.readTree(server.get("/api/environments/production").body()).get("problem").isNull());
            assertFalse(server.get("/").body().contains("banner problem"));
            assertFalse(JSON.readTree(server.get("/health").body()).at("/checks/environments").has("problems"));
            production.reconcile();
            assertEquals(2, eventLog.events().stream().filter(e -> e.getFormattedMessage().contains("problem")).count(),
                    "started and cleared, nothing per poll");
            assertTrue(production.board().environment("production").orElseThrow().problem().isEmpty());
        }
    }
}
