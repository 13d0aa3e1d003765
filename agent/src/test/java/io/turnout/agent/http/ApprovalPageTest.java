package io.turnout.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.status.Approvals;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
