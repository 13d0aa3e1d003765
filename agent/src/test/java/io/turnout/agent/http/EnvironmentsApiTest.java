package io.turnout.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EnvironmentsApiTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "s3cr3t-api-token-for-tests";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("turnout.api.token", TOKEN));
        server.status().set(StatusFixtures.twoEnvironments());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void listsEveryEnvironmentWithItsSummary() {
        HttpResponse<String> response = server.get("/api/environments");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        JsonNode envs = JSON.readTree(response.body());
        assertTrue(envs.isArray(), "a JSON list, as the README documents: " + response.body());
        assertEquals(2, envs.size());
        JsonNode prod = envs.get(0);
        assertEquals("production", prod.get("name").asString());
        assertEquals("auto-apply", prod.get("syncPolicy").asString());
        assertEquals(StatusFixtures.PROD_LIVE, prod.get("liveCommit").asString());
        assertEquals(StatusFixtures.PROD_HEAD, prod.get("headCommit").asString());
        assertTrue(prod.get("deploying").asBoolean());
        assertEquals("APPLIED", prod.at("/lastOutcome/outcome").asString());
        assertEquals("1m35s", prod.at("/lastOutcome/duration").asString());
        assertEquals(95.0, prod.at("/lastOutcome/durationSeconds").asDouble());
        assertEquals("staging", envs.get(1).get("name").asString());
        assertEquals("plan-only", envs.get(1).get("syncPolicy").asString());
    }

    @Test
    void showsOneEnvironmentWithItsPendingPlanInlinedAsJson() {
        HttpResponse<String> response = server.get("/api/environments/staging");
        assertEquals(200, response.statusCode());
        JsonNode env = JSON.readTree(response.body());
        assertEquals("https://git.example.com/shop/specs.git", env.get("repository").asString());
        assertEquals("main", env.get("branch").asString());
        assertEquals("2025-06-01T10:17:00Z", env.get("lastPoll").asString());
        assertFalse(env.get("deploying").asBoolean());
        assertEquals("b", env.at("/services/0/blueSlot").asString());
        assertEquals(2, env.at("/services/0/runningCount").asInt());
        JsonNode plan = env.get("pendingPlan");
        assertTrue(plan.isObject(), "the plan is an object, not a string: " + plan);
        assertEquals(1, plan.get("schemaVersion").asInt());
        assertEquals("BLUE_GREEN", plan.at("/services/0/kind").asString());
        assertEquals("Downsize", plan.at("/services/0/steps/1/type").asString());
        assertEquals("web: desiredCount changed outside Git (live 3, spec 2)", env.at("/drift/0").asString());
        assertEquals("PLANNED", env.at("/recent/0/outcome").asString());
    }

    @Test
    void aCommitsOutcomeSaysWhatHappenedToEachService() {
        JsonNode failed = JSON.readTree(server.get("/api/environments/production").body()).at("/recent/1");
        assertEquals("FAILED", failed.get("outcome").asString());
        assertEquals("api", failed.at("/services/0/service").asString());
        assertEquals("APPLIED", failed.at("/services/0/result").asString());
        assertEquals("web", failed.at("/services/1/service").asString());
        assertEquals("ROLLED_BACK", failed.at("/services/1/result").asString());
        assertTrue(failed.at("/services/1/detail").asString().contains("rolled back: web--b scaled to 0"));
        JsonNode applied = JSON.readTree(server.get("/api/environments/production").body()).at("/recent/0");
        assertTrue(applied.get("services").isArray() && applied.get("services").isEmpty(), applied.toString());
    }

    @Test
    void absentValuesAreNull() {
        JsonNode env = JSON.readTree(server.get("/api/environments/production").body());
        assertTrue(env.get("pendingPlan").isNull());
        JsonNode mailer = env.at("/services/1");
        assertEquals("mailer", mailer.get("name").asString());
        assertTrue(mailer.get("blueSlot").isNull());
    }

    /** Issue 11: the problem, why the head is not live, GREEN; messages escaped so that {@code jq -r} prints no escape sequence. */
    @Test
    void showsTheProblemTheHeadAndGreenWithMessagesEscaped() {
        try (TestServer other = TestServer.start()) {
            other.status().set(List.of(StatusFixtures.failedHeadWithAProblem()));
            String body = other.get("/api/environments/production").body();
            JsonNode env = JSON.readTree(body);
            assertEquals("cloud", env.at("/problem/kind").asString());
            assertEquals("2025-06-01T10:17:00Z", env.at("/problem/since").asString());
            assertEquals("2025-06-01T10:18:00Z", env.at("/problem/lastSeen").asString());
            assertEquals("2025-06-01T10:19:00Z", env.at("/problem/nextRetry").asString());
            assertEquals(2, env.at("/problem/failedPolls").asInt());
            assertTrue(env.at("/problem/transient").asBoolean());
            assertEquals("head 9f8e7d6c5b4a not deployed: FAILED — apply rolled back: web: step 4 failed: image nginx\\u001B[2J not found",
                    env.get("headNotDeployed").asString());
            assertEquals("web: \\u001B[31mred\\0 subject", env.at("/recent/0/subject").asString(), "escaped, not raw, once decoded");
            assertEquals("b", env.at("/services/0/green/slot").asString());
            assertEquals("public.ecr.aws/nginx/nginx:1.26", env.at("/services/0/green/image").asString());
            assertEquals(4, env.at("/services/0/green/runningCount").asInt());
            assertTrue(env.at("/services/0/green/fastRollback").asBoolean());
            assertTrue(JSON.readTree(server.get("/api/environments/staging").body()).get("problem").isNull());
            assertTrue(JSON.readTree(server.get("/api/environments/staging").body()).at("/services/0/green").isNull());
        }
    }

    @Test
    void unknownEnvironmentIs404NamingTheKnownOnes() {
        HttpResponse<String> response = server.get("/api/environments/nowhere");
        assertEquals(404, response.statusCode());
        JsonNode error = JSON.readTree(response.body());
        assertEquals("no environment named 'nowhere'; known: production, staging", error.get("error").asString());
        assertEquals("[\"production\",\"staging\"]", error.get("knownEnvironments").toString());
    }

    @Test
    void syncWithTheRightTokenIsAcceptedAndTriggered() {
        HttpResponse<String> response = server.post("/api/environments/staging/sync", new byte[0],
                "Authorization", "Bearer " + TOKEN);
        assertEquals(202, response.statusCode());
        assertEquals("{\"environment\":\"staging\",\"scheduled\":true}", response.body().strip());
        assertTrue(server.trigger().environmentSyncs().contains("staging"));
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
        assertEquals(Optional.of("abc"), ApiToken.bearerToken("bearer abc"));
        assertEquals(Optional.of("abc"), ApiToken.bearerToken("BEARER  abc "));
        assertEquals(Optional.empty(), ApiToken.bearerToken("Basic abc"));
        assertEquals(Optional.empty(), ApiToken.bearerToken("Bearer "));
        assertEquals(Optional.empty(), ApiToken.bearerToken(null));
    }

    @Test
    void syncWithoutATokenIs401AndTriggersNothing() {
        int before = server.trigger().environmentSyncs().size();
        HttpResponse<String> response = server.post("/api/environments/production/sync", new byte[0]);
        assertEquals(401, response.statusCode());
        assertEquals("Bearer realm=\"turnout\"", response.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertTrue(JSON.readTree(response.body()).get("error").asString().startsWith("missing bearer token"));
        assertEquals(before, server.trigger().environmentSyncs().size());
    }

    @Test
    void syncWithAWrongTokenIs401AndTriggersNothing() {
        int before = server.trigger().environmentSyncs().size();
        for (String wrong : List.of("Bearer " + TOKEN + "x", "Bearer " + TOKEN.substring(1), "Basic " + TOKEN)) {
            HttpResponse<String> response = server.post("/api/environments/production/sync", new byte[0], "Authorization", wrong);
            assertEquals(401, response.statusCode(), wrong);
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
            assertFalse(response.body().contains(TOKEN), "the token is not echoed");
        }
        assertEquals(before, server.trigger().environmentSyncs().size());
    }

    @Test
    void syncOfAnUnknownEnvironmentIs404() {
        HttpResponse<String> response = server.post("/api/environments/nowhere/sync", new byte[0],
                "Authorization", "Bearer " + TOKEN);
        assertEquals(404, response.statusCode());
        assertTrue(JSON.readTree(response.body()).get("error").asString().startsWith("no environment named 'nowhere'"));
        assertFalse(server.trigger().environmentSyncs().contains("nowhere"));
    }

    @Test
    void syncIsDisabledWithoutAConfiguredToken() {
        try (TestServer open = TestServer.start(Map.of("turnout.api.token", "  "))) {
            open.status().set(StatusFixtures.twoEnvironments());
            HttpResponse<String> response = open.post("/api/environments/production/sync", new byte[0],
                    "Authorization", "Bearer anything");
            assertEquals(403, response.statusCode());
            assertTrue(JSON.readTree(response.body()).get("error").asString()
                    .startsWith("sync API disabled: set turnout.api.token"));
            assertTrue(open.trigger().triggeredNothing());
        }
    }
}
