package io.turnout.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** DESIGN.md invariant 6 for the HTTP surface: tokens, secrets and signatures never reach a log line. */
class SecretsNeverLoggedTest {
    private static final String API_TOKEN = "api-token-7f3c9a1e";
    private static final String GITHUB_SECRET = "github-secret-52d8b0";
    private static final String GITLAB_TOKEN = "gitlab-token-e91c44";
    private static final String WRONG = "presented-but-wrong-0b7d2f";

    @Test
    void noSecretPresentedOrConfiguredAppearsInTheLogs() {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(logging);
        captured.start();
        Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger turnout = logging.getLogger("io.turnout");
        Logger micronautHttp = logging.getLogger("io.micronaut.http");
        Level turnoutLevel = turnout.getLevel();
        Level micronautLevel = micronautHttp.getLevel();
        root.addAppender(captured);
        turnout.setLevel(Level.TRACE);
        micronautHttp.setLevel(Level.DEBUG);
        byte[] push = "{\"ref\":\"refs/heads/main\",\"repository\":{\"full_name\":\"shop/specs\"},\"project\":{\"path_with_namespace\":\"shop/specs\"}}".getBytes(StandardCharsets.UTF_8);
        String goodSignature = GitHubSignature.sign(Secret.of(GITHUB_SECRET).orElseThrow(), push);
        String badSignature = GitHubSignature.sign(Secret.of(WRONG).orElseThrow(), push);
        try (TestServer server = TestServer.start(Map.of("turnout.api.token", API_TOKEN,
                "turnout.webhooks.github.secret", GITHUB_SECRET, "turnout.webhooks.gitlab.token", GITLAB_TOKEN))) {
            server.status().set(StatusFixtures.twoEnvironments());
            assertEquals(401, server.post("/api/environments/production/sync", new byte[0], "Authorization", "Bearer " + WRONG).statusCode());
            assertEquals(202, server.post("/api/environments/production/sync", new byte[0], "Authorization", "Bearer " + API_TOKEN).statusCode());
            assertEquals(401, server.post("/hooks/github", push, "X-GitHub-Event", "push", GitHubSignature.HEADER, badSignature).statusCode());
            assertEquals(202, server.post("/hooks/github", push, "X-GitHub-Event", "push", GitHubSignature.HEADER, goodSignature).statusCode());
            assertEquals(401, server.post("/hooks/gitlab", push, "X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", WRONG).statusCode());
            assertEquals(202, server.post("/hooks/gitlab", push, "X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", GITLAB_TOKEN).statusCode());
            assertEquals("Secret[redacted]", Secret.of(API_TOKEN).orElseThrow().toString());
        } finally {
            root.detachAppender(captured);
            turnout.setLevel(turnoutLevel);
            micronautHttp.setLevel(micronautLevel);
        }

        List<String> lines = captured.list.stream()
                .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .toList();
        assertTrue(lines.stream().filter(l -> l.contains("rejected")).count() >= 3, "the rejections were logged: " + lines);
        for (String secret : List.of(API_TOKEN, GITHUB_SECRET, GITLAB_TOKEN, WRONG, goodSignature.substring(7), badSignature.substring(7))) {
            for (String line : lines) assertFalse(line.contains(secret), "a secret reached the log: " + line);
        }
    }
}
