package io.turnout.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.turnout.cloud.sim.ManualClock;
import io.turnout.reconcile.ReconcileFixtures;
import io.turnout.status.AgentStatus;
import io.turnout.status.CommitOutcome;
import io.turnout.status.CommitOutcome.Outcome;
import io.turnout.status.EnvironmentStatus;
import io.turnout.status.ServiceStatus;
import io.turnout.status.SyncTrigger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole agent (Micronaut application, scheduler, HTTP API, embedded store) stopped and started
 * again while production's deployment waits at its approval gate: the new process still shows it
 * waiting (API and status page), an approval through the API then moves production, and if nobody
 * approves the deadline still rolls it back — measured on the simulated cloud's clock, so the test
 * moves that clock instead of waiting.
 */
class RestartWhileWaitingForApprovalTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "restart-approval-token";
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private EmbeddedServer start(ReconcileFixtures.Fixture fx) {
        return SimulatedAgent.start(fx, dir.resolve("data"), Map.of("turnout.api.token", TOKEN));
    }

    private HttpResponse<String> send(EmbeddedServer server, HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(EmbeddedServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    private JsonNode production(EmbeddedServer server) throws Exception {
        HttpResponse<String> r = send(server, HttpRequest.newBuilder(uri(server, "/api/environments/production")).GET());
        assertEquals(200, r.statusCode(), r::body);
        return JSON.readTree(r.body());
    }

    private static EnvironmentStatus production(AgentStatus status) {
        return status.environment("production").orElseThrow();
    }

    private static String blueOf(EnvironmentStatus env, String service) {
        return env.services().stream().filter(s -> s.name().equals(service)).findFirst().flatMap(ServiceStatus::blueSlot).orElse("?");
    }

    private static boolean waitsFor(AgentStatus status, String commit) {
        return status.environment("production").map(e -> e.waitingForApproval() && e.approvableCommit().equals(Optional.of(commit)))
                .orElse(false);
    }

    /** Production's outcome of {@code commit}, once there is one; no deployment waits any more then. */
    private static CommitOutcome decided(AgentStatus status, String commit) throws InterruptedException {
        AgentApplicationTest.await(LIMIT, () -> status.environment("production").flatMap(EnvironmentStatus::lastOutcome)
                .map(o -> o.commit().equals(commit)).orElse(false), () -> production(status).toString());
        assertTrue(!production(status).waitingForApproval(), () -> production(status).toString());
        return production(status).lastOutcome().orElseThrow();
    }

    /**
     * The first process deploys production (web's BLUE becomes b), then a commit that requires
     * approval in production (a 2h timeout) and changes web's image: production waits at the gate
     * with web--a verified. Returns that commit, with the first process stopped while it waits.
     */
    private String pausedThenStopped(ReconcileFixtures.Fixture fx, String[] waitingApi) throws Exception {
        try (EmbeddedServer first = start(fx)) {
            AgentStatus status = first.getApplicationContext().getBean(AgentStatus.class);
            AgentApplicationTest.await(LIMIT, () -> status.environment("production").flatMap(EnvironmentStatus::lastOutcome)
                    .map(o -> o.outcome() == Outcome.APPLIED).orElse(false), () -> status.environments().toString());
            assertEquals("b", blueOf(production(status), "web"), "the bootstrap went to the slot production did not point at");
            fx.repo().change("environments/production.yaml", "      bakeTime: 1m\n",
                    "      bakeTime: 1m\n      approval: required\n      approvalTimeout: 2h\n", "production: approval required");
            String commit = fx.repo().change("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28", "web: nginx 1.28");
            first.getApplicationContext().getBean(SyncTrigger.class).pollRepository(fx.url());
            AgentApplicationTest.await(LIMIT, () -> waitsFor(status, commit), () -> production(status).toString());
            AgentApplicationTest.await(LIMIT, () -> !production(status).deploying(), () -> production(status).toString());
            assertEquals("b", blueOf(production(status), "web"), "production untouched while it waits");
            JsonNode api = production(first);
            assertTrue(api.get("waitingForApproval").asBoolean(), api::toString);
            waitingApi[0] = api.get("approvals").toString();
            return commit;
        }
    }

    /** The second process, started on the same data directory, polls and still shows the deployment waiting. */
    private EmbeddedServer restartedStillWaiting(ReconcileFixtures.Fixture fx, String commit, String approvalsBefore) throws Exception {
        Instant stopped = Instant.now();
        EmbeddedServer second = start(fx);
        AgentStatus status = second.getApplicationContext().getBean(AgentStatus.class);
        AgentApplicationTest.await(LIMIT, () -> status.environment("production").flatMap(EnvironmentStatus::lastPoll)
                .map(p -> p.isAfter(stopped)).orElse(false) && waitsFor(status, commit), () -> status.environments().toString());
        JsonNode api = production(second);
        assertTrue(api.get("waitingForApproval").asBoolean(), api::toString);
        assertEquals(approvalsBefore, api.get("approvals").toString(), "the same gate, since and deadline as before the restart");
        assertTrue(api.get("approvals").get(0).get("commit").asString().equals(commit), api::toString);
        String page = send(second, HttpRequest.newBuilder(uri(second, "/")).GET()).body();
        assertTrue(page.contains("<span class=\"badge waiting\">waiting for approval</span>"), page);
        assertTrue(page.contains("data-approve=\"production\""), "the Approve button is there: " + page);
        assertEquals("b", blueOf(production(status), "web"), "production untouched");
        return second;
    }

    @Test
    void afterARestartTheDeploymentStillWaitsAndAnApprovalCompletesIt() throws Exception {
        try (ReconcileFixtures.Fixture fx = ReconcileFixtures.exampleRepository(dir)) {
            String[] approvals = new String[1];
            String commit = pausedThenStopped(fx, approvals);
            try (EmbeddedServer second = restartedStillWaiting(fx, commit, approvals[0])) {
                AgentStatus status = second.getApplicationContext().getBean(AgentStatus.class);
                HttpResponse<String> approved = send(second, HttpRequest.newBuilder(uri(second, "/api/environments/production/approve"))
                        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"commit\":\"" + commit + "\",\"by\":\"alice\"}", StandardCharsets.UTF_8)));
                assertEquals(202, approved.statusCode(), approved::body);

                CommitOutcome outcome = decided(status, commit);
                assertEquals(Outcome.APPLIED, outcome.outcome(), outcome::toString);
                assertTrue(outcome.detail().contains("approved by alice"), outcome::toString);
                assertEquals("a", blueOf(production(status), "web"), "production moved to the approved slot");
                assertTrue(!production(second).get("waitingForApproval").asBoolean());
            }
        }
    }

    @Test
    void afterARestartTheDeadlineStillRollsBackWhatNobodyApproved() throws Exception {
        try (ReconcileFixtures.Fixture fx = ReconcileFixtures.exampleRepository(dir)) {
            String[] approvals = new String[1];
            String commit = pausedThenStopped(fx, approvals);
            try (EmbeddedServer second = restartedStillWaiting(fx, commit, approvals[0])) {
                AgentStatus status = second.getApplicationContext().getBean(AgentStatus.class);
                // the deadline is measured on the deployment's clock: the simulated cloud's
                ((ManualClock) fx.cloud().clock()).advance(Duration.ofHours(2).plusMinutes(1));
                second.getApplicationContext().getBean(SyncTrigger.class).syncEnvironment("production");

                CommitOutcome outcome = decided(status, commit);
                assertEquals(Outcome.FAILED, outcome.outcome(), outcome::toString);
                assertTrue(outcome.detail().contains("not approved within 2h"), outcome::toString);
                assertEquals("b", blueOf(production(status), "web"), "production never moved");
            }
        }
    }
}
