package io.turnout.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WebhooksTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String GITHUB_SECRET = "gh-webhook-secret-for-tests";
    private static final String GITLAB_TOKEN = "gl-webhook-token-for-tests";
    private static final int MAX_BODY = 4096;
    private static final String PUSH = """
            {"ref":"refs/heads/main","after":"9f8e7d6c","repository":{"full_name":"shop/specs",
             "clone_url":"https://github.com/shop/specs.git"}}""";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("turnout.webhooks.github.secret", GITHUB_SECRET,
                "turnout.webhooks.gitlab.token", GITLAB_TOKEN, "turnout.webhooks.max-body-bytes", MAX_BODY));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.trigger().reset();
    }

    @Test
    void signatureMatchesGitHubsDocumentedExample() {
        Secret secret = Secret.of("It's a Secret to Everybody").orElseThrow();
        byte[] payload = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        String expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        assertEquals(expected, GitHubSignature.sign(secret, payload));
        assertTrue(GitHubSignature.verify(secret, payload, expected));
        assertFalse(GitHubSignature.verify(secret, "Hello, World?".getBytes(StandardCharsets.UTF_8), expected));
        assertFalse(GitHubSignature.verify(secret, payload, expected.replace("sha256=", "sha1=")));
        assertFalse(GitHubSignature.verify(secret, payload, expected.substring(0, 70)));
        assertFalse(GitHubSignature.verify(secret, payload, "sha256=" + "zz".repeat(32)));
        assertFalse(GitHubSignature.verify(secret, payload, null));
        assertFalse(GitHubSignature.verify(Secret.of("another secret").orElseThrow(), payload, expected));
    }

    @Test
    void githubPushSchedulesTheEnvironmentsOfTheRepository() {
        server.trigger().feeds("shop/specs", 2);
        HttpResponse<String> response = github("push", PUSH);
        assertEquals(202, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("shop/specs", body.get("repository").asString());
        assertEquals(2, body.get("scheduledEnvironments").asInt());
        assertEquals(List.of("shop/specs"), server.trigger().repositoryPolls());
    }

    @Test
    void githubPushFallsBackToTheCloneUrl() {
        server.trigger().feeds("https://github.com/shop/specs.git", 1);
        HttpResponse<String> response = github("push", PUSH);
        assertEquals(202, response.statusCode());
        assertEquals(1, JSON.readTree(response.body()).get("scheduledEnvironments").asInt());
        assertEquals(List.of("shop/specs", "https://github.com/shop/specs.git"), server.trigger().repositoryPolls());
    }

    @Test
    void githubPushOfAnUnfollowedRepositorySchedulesNothing() {
        HttpResponse<String> response = github("push", PUSH);
        assertEquals(202, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(0, body.get("scheduledEnvironments").asInt());
        assertEquals("no environment follows this repository", body.get("note").asString());
    }

    @Test
    void githubFormEncodedPushIsVerifiedOverTheRawBody() {
        server.trigger().feeds("shop/specs", 1);
        byte[] form = ("payload=" + URLEncoder.encode(PUSH, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = server.post("/hooks/github", form, "X-GitHub-Event", "push",
                "Content-Type", "application/x-www-form-urlencoded", GitHubSignature.HEADER, sign(form));
        assertEquals(202, response.statusCode(), response.body());
        assertEquals(List.of("shop/specs"), server.trigger().repositoryPolls());
    }

    @Test
    void githubPingIs200() {
        HttpResponse<String> response = github("ping", "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}");
        assertEquals(200, response.statusCode());
        assertTrue(server.trigger().triggeredNothing());
    }

    @Test
    void githubTagPushesAndOtherEventsAreIgnored() {
        HttpResponse<String> tag = github("push", PUSH.replace("refs/heads/main", "refs/tags/turnout/production/live"));
        assertEquals(202, tag.statusCode());
        assertEquals("tag push", JSON.readTree(tag.body()).get("reason").asString());
        HttpResponse<String> pr = github("pull_request", "{\"action\":\"opened\",\"number\":7}");
        assertEquals(202, pr.statusCode());
        assertTrue(JSON.readTree(pr.body()).get("ignored").asBoolean());
        assertTrue(server.trigger().triggeredNothing());
    }

    @Test
    void githubBadOrMissingSignatureIs401AndTriggersNothing() {
        byte[] body = PUSH.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> missing = server.post("/hooks/github", body, "X-GitHub-Event", "push",
                "Content-Type", "application/json");
        assertEquals(401, missing.statusCode());
        byte[] other = PUSH.replace("main", "evil").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> wrongBody = server.post("/hooks/github", body, "X-GitHub-Event", "push",
                "Content-Type", "application/json", GitHubSignature.HEADER, sign(other));
        assertEquals(401, wrongBody.statusCode());
        String wrongSecret = GitHubSignature.sign(Secret.of("guess").orElseThrow(), body);
        HttpResponse<String> wrongKey = server.post("/hooks/github", body, "X-GitHub-Event", "push",
                "Content-Type", "application/json", GitHubSignature.HEADER, wrongSecret);
        assertEquals(401, wrongKey.statusCode());
        assertFalse(wrongKey.body().contains(wrongSecret));
        assertTrue(server.trigger().triggeredNothing());
    }

    @Test
    void githubSignedGarbageIs400() {
        HttpResponse<String> response = github("push", "not json {");
        assertEquals(400, response.statusCode());
        assertTrue(server.trigger().triggeredNothing());
    }

    @Test
    void oversizedPayloadIs413AndTriggersNothing() {
        String big = PUSH.replace("\"after\"", "\"padding\":\"" + "x".repeat(MAX_BODY) + "\",\"after\"");
        assertEquals(413, github("push", big).statusCode());
        byte[] bigBytes = big.getBytes(StandardCharsets.UTF_8);
        assertEquals(413, server.post("/hooks/gitlab", bigBytes, "X-Gitlab-Event", "Push Hook",
                WebhookController.GITLAB_TOKEN_HEADER, GITLAB_TOKEN).statusCode());
        // chunked, without Content-Length: measured once received
        HttpResponse<String> chunked = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/hooks/github"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bigBytes)))
                .header("X-GitHub-Event", "push").header("Content-Type", "application/json")
                .header(GitHubSignature.HEADER, sign(bigBytes)));
        assertEquals(413, chunked.statusCode());
        assertTrue(server.trigger().triggeredNothing());
    }

    @Test
    void gitlabPushHookSchedulesTheProjectsEnvironments() {
        server.trigger().feeds("shop/specs", 2);
        HttpResponse<String> response = gitlab("Push Hook", GITLAB_TOKEN,
                "{\"ref\":\"refs/heads/main\",\"project\":{\"path_with_namespace\":\"shop/specs\","
                        + "\"git_http_url\":\"https://gitlab.example.com/shop/specs.git\"}}");
        assertEquals(202, response.statusCode(), response.body());
        assertEquals(2, JSON.readTree(response.body()).get("scheduledEnvironments").asInt());
        assertEquals(List.of("shop/specs"), server.trigger().repositoryPolls());
    }

    @Test
    void gitlabBadOrMissingTokenIs401AndTriggersNothing() {
        String push = "{\"project\":{\"path_with_namespace\":\"shop/specs\"}}";
        assertEquals(401, gitlab("Push Hook", null, push).statusCode());
        assertEquals(401, gitlab("Push Hook", GITLAB_TOKEN + "x", push).statusCode());
        assertEquals(401, gitlab("Push Hook", "", push).statusCode());
        assertTrue(server.trigger().triggeredNothing());
    }

    @Test
    void gitlabOtherEventsAreIgnored() {
        HttpResponse<String> response = gitlab("Tag Push Hook", GITLAB_TOKEN, "{\"project\":{\"path_with_namespace\":\"shop/specs\"}}");
        assertEquals(202, response.statusCode());
        assertTrue(JSON.readTree(response.body()).get("ignored").asBoolean());
        assertTrue(server.trigger().triggeredNothing());
    }

    @Test
    void hooksWithoutAConfiguredSecretAreDisabled() {
        try (TestServer unconfigured = TestServer.start()) {
            byte[] body = PUSH.getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> gh = unconfigured.post("/hooks/github", body, "X-GitHub-Event", "push",
                    "Content-Type", "application/json", GitHubSignature.HEADER, sign(body));
            assertEquals(403, gh.statusCode());
            assertTrue(JSON.readTree(gh.body()).get("error").asString().startsWith("GitHub webhook disabled: set turnout.webhooks.github.secret"));
            HttpResponse<String> gl = unconfigured.post("/hooks/gitlab", body, "X-Gitlab-Event", "Push Hook",
                    WebhookController.GITLAB_TOKEN_HEADER, "anything");
            assertEquals(403, gl.statusCode());
            assertTrue(unconfigured.trigger().triggeredNothing());
        }
    }

    @Test
    void webhookResultsAreCounted() {
        github("push", PUSH);
        server.post("/hooks/github", new byte[0], "X-GitHub-Event", "push");
        String metrics = server.get("/metrics").body();
        assertTrue(metrics.contains("turnout_webhooks_total{provider=\"github\",result=\"accepted\"}"), metrics);
        assertTrue(metrics.contains("turnout_webhooks_total{provider=\"github\",result=\"rejected\"}"), metrics);
    }

    private static HttpResponse<String> github(String event, String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return server.post("/hooks/github", body, "X-GitHub-Event", event, "Content-Type", "application/json",
                "X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958", GitHubSignature.HEADER, sign(body));
    }

    private static HttpResponse<String> gitlab(String event, String token, String payload) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return token == null
                ? server.post("/hooks/gitlab", body, "X-Gitlab-Event", event, "Content-Type", "application/json")
                : server.post("/hooks/gitlab", body, "X-Gitlab-Event", event, "Content-Type", "application/json",
                        WebhookController.GITLAB_TOKEN_HEADER, token);
    }

    private static String sign(byte[] body) {
        return GitHubSignature.sign(Secret.of(GITHUB_SECRET).orElseThrow(), body);
    }
}
