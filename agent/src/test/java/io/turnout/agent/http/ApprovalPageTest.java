package io.turnout.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.events.DeploymentEvent.ApprovalRequested;
import io.turnout.ledger.StatusBoard;
import io.turnout.reconcile.ApprovalService;
import io.turnout.state.EnvironmentLease;
import io.turnout.state.LocalStateStore;
import io.turnout.status.Approvals;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The approval API and the status page's approval form, on the real HTTP server with a fake agent. */
class ApprovalPageTest {
    private static final String TOKEN = "approval-test-token";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("turnout.api.token", TOKEN));
        server.status().set(List.of(StatusFixtures.waitingForApproval(), StatusFixtures.staging()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        approvals().reset();
        server.trigger().reset();
    }

    private static RecordingApprovals approvals() {
        return server.context().getBean(RecordingApprovals.class);
    }

    @Test
    void theApiRecordsAnApprovalOfTheNamedCommitAndPollsAtOnce() {
        HttpResponse<String> r = server.post("/api/environments/production/approve",
                ("{\"commit\":\"" + StatusFixtures.PROD_HEAD + "\",\"by\":\"alice\"}").getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + TOKEN, "Content-Type", "application/json");
        assertEquals(202, r.statusCode(), r.body());
        assertEquals(List.of(new RecordingApprovals.Decided("production", StatusFixtures.PROD_HEAD, Approvals.Decision.APPROVE, "alice")),
                approvals().decided());
        assertEquals(List.of("production"), server.trigger().environmentSyncs());
    }

    @Test
    void theApiShowsWhatWaitsForApproval() {
        String list = server.get("/api/environments").body();
        assertTrue(list.contains("\"name\":\"production\",\"syncPolicy\":\"auto-apply\""), list);
        assertTrue(list.matches("(?s).*\"name\":\"production\".*?\"waitingForApproval\":true.*\"name\":\"staging\".*?\"waitingForApproval\":false.*"), list);
        String production = server.get("/api/environments/production").body();
        assertTrue(production.contains("\"waitingForApproval\":true,\"approvals\":[{\"service\":\"web\",\"ecsServiceName\":\"web--b\",\"commit\":\""
                + StatusFixtures.PROD_HEAD + "\",\"since\":\"" + StatusFixtures.T0 + "\",\"deadline\":\"" + StatusFixtures.T0.plus(Duration.ofHours(24))
                + "\"}]"), production);
    }

    @Test
    void withoutTheTokenOrWithoutACommitNothingIsRecorded() {
        HttpResponse<String> noToken = server.post("/api/environments/production/reject", "{\"commit\":\"abcdef12\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(401, noToken.statusCode());
        HttpResponse<String> noCommit = server.post("/api/environments/production/approve", "{\"by\":\"alice\"}".getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + TOKEN);
        assertEquals(400, noCommit.statusCode());
        assertTrue(noCommit.body().contains("newer one is never approved by accident"), noCommit.body());
        assertTrue(approvals().decided().isEmpty());
    }

    @Test
    void anotherCommitIsAConflict() {
        approvals().answer(new Approvals.Answer(Approvals.Answer.Result.OTHER_COMMIT, "production waits for approval of commit X, not abcdef1"));
        HttpResponse<String> r = server.post("/api/environments/production/approve", "{\"commit\":\"abcdef1\"}".getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + TOKEN);
        assertEquals(409, r.statusCode());
        assertTrue(server.trigger().environmentSyncs().isEmpty(), "nothing to act on");
    }

    /**
     * Micronaut refuses (403, empty body) a POST whose Origin is not local when the agent is reached
     * at 127.0.0.1 — and a browser sends {@code Origin: null} under {@code Referrer-Policy: no-referrer}.
     * The approval page therefore tells browsers to send its own origin with the form (same-origin),
     * and that origin passes.
     */
    @Test
    void theApprovalPageMakesBrowsersSendTheOriginTheServerAccepts() {
        HttpResponse<String> page = server.get("/environments/production/approve?commit=" + StatusFixtures.PROD_HEAD);
        assertEquals(List.of("same-origin"), page.headers().allValues("Referrer-Policy"),
                "a policy under which a browser posts the form with the page's origin, and sends no referrer elsewhere");
        String form = "commit=" + StatusFixtures.PROD_HEAD + "&by=Bob&decision=approve&token=" + TOKEN;
        HttpResponse<String> originNull = server.post("/environments/production/approve", form.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded", "Origin", "null");
        assertEquals(403, originNull.statusCode(), "what Chromium got under no-referrer: " + originNull.body());
        assertTrue(approvals().decided().isEmpty());
        HttpResponse<String> sameOrigin = server.post("/environments/production/approve", form.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded", "Origin", "http://127.0.0.1:" + server.uri("").getPort());
        assertEquals(200, sameOrigin.statusCode(), sameOrigin.body());
        assertEquals(1, approvals().decided().size());
    }

    /**
     * The agent's own approvals, with production's lease held by someone else (a running deployment)
     * for longer than a decision waits: the API answers 409 and the form a page, both saying the
     * environment is busy, who holds it and to try again — not a 500 — and nothing is journaled.
     */
    @Test
    void aDecisionWhileTheEnvironmentIsBusyIsAConflictThatNamesTheHolderAndRecordsNothing() {
        LocalStateStore store = new LocalStateStore(LocalStateStore.DEFAULT_HISTORY_LIMIT, "turnout agent on replica-2 (pid 7)",
                InstantSource.fixed(Instant.parse("2026-01-01T10:00:00Z")));
        StatusBoard board = new StatusBoard(store);
        board.follow("production", "https://git.example/shop.git", "main");
        Instant since = Instant.parse("2026-01-01T09:00:00Z");
        board.on(new ApprovalRequested("production", since, Optional.of(StatusFixtures.PROD_HEAD), "web", "web--b", since,
                since.plus(Duration.ofHours(24))));
        approvals().delegateTo(new ApprovalService(board, store, InstantSource.system(), Duration.ZERO));
        try (EnvironmentLease deployment = store.lease("production")) {
            HttpResponse<String> api = server.post("/api/environments/production/approve",
                    ("{\"commit\":\"" + StatusFixtures.PROD_HEAD + "\",\"by\":\"alice\"}").getBytes(StandardCharsets.UTF_8),
                    "Authorization", "Bearer " + TOKEN, "Content-Type", "application/json");
            assertEquals(409, api.statusCode(), api.body());
            assertTrue(api.body().contains("\"busy\":true"), api.body());
            assertTrue(api.body().contains("production is busy: it is being changed by turnout agent on replica-2 (pid 7)"), api.body());
            assertTrue(api.body().contains("Nothing was recorded: try again"), api.body());

            String form = "commit=" + StatusFixtures.PROD_HEAD + "&by=Bob&decision=reject&token=" + TOKEN;
            HttpResponse<String> page = server.post("/environments/production/approve", form.getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/x-www-form-urlencoded", "Origin", server.uri("").toString());
            assertEquals(409, page.statusCode(), page.body());
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers()::toString);
            assertTrue(page.body().contains("<h1>Busy: not recorded</h1>"), page.body());
            assertTrue(page.body().contains("being changed by turnout agent on replica-2 (pid 7)"), page.body());
            assertTrue(page.body().contains(">Try again</a>"), page.body());
            assertTrue(store.journal("production").entries().isEmpty(), "nothing recorded");
            assertTrue(server.trigger().environmentSyncs().isEmpty(), "nothing to act on");
        }
        // once the deployment has let go, the same request is recorded
        HttpResponse<String> later = server.post("/api/environments/production/approve",
                ("{\"commit\":\"" + StatusFixtures.PROD_HEAD + "\",\"by\":\"alice\"}").getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + TOKEN, "Content-Type", "application/json");
        assertEquals(202, later.statusCode(), later.body());
        assertEquals(1, store.journal("production").entries().size(), "the approval is journaled");
    }

    @Test
    void theApprovalFormAsksForTheTokenAndRecordsWithIt() {
        HttpResponse<String> page = server.get("/environments/production/approve?commit=" + StatusFixtures.PROD_HEAD);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("type=\"password\" name=\"token\""), page.body());
        String form = "commit=" + StatusFixtures.PROD_HEAD + "&by=Bob&decision=reject&token=";
        HttpResponse<String> wrong = server.post("/environments/production/approve", (form + "nope").getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded", "Origin", server.uri("").toString());
        assertEquals(401, wrong.statusCode(), wrong.body());
        assertTrue(approvals().decided().isEmpty());
        HttpResponse<String> right = server.post("/environments/production/approve", (form + TOKEN).getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded", "Origin", server.uri("").toString());
        assertEquals(200, right.statusCode(), right.body());
        assertEquals(List.of(new RecordingApprovals.Decided("production", StatusFixtures.PROD_HEAD, Approvals.Decision.REJECT, "Bob")),
                approvals().decided());
        assertTrue(!right.body().contains(TOKEN), "the token is never shown back");
    }
}
