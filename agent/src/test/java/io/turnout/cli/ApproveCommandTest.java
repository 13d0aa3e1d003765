package io.turnout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code turnout approve} against a stand-in agent on 127.0.0.1: the request it sends and how it reports the answer. */
class ApproveCommandTest {
    private HttpServer agent;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 202;
    private volatile String answer = "{\"message\":\"approved by alice: the deployment of 4f2a9c1 to production moves production now\"}";

    @BeforeEach
    void start() throws IOException {
        agent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        agent.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        agent.start();
    }

    @AfterEach
    void stop() {
        agent.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + agent.getAddress().getPort();
    }

    @Test
    void approvesTheNamedCommitWithTheTokenAndSaysWhatHappensNext() {
        // PATH stands in for the token variable: any variable the test process has
        CommandLineTest.Run run = CommandLineTest.run("approve", "--env", "production", "--commit", "4f2a9c1", "--agent", url(),
                "--by", "alice", "--token-env", "PATH");
        assertEquals(0, run.exit(), run::err);
        assertTrue(run.out().contains("moves production now"), run.out());
        assertEquals("POST /api/environments/production/approve Bearer " + System.getenv("PATH")
                + " {\"commit\":\"4f2a9c1\",\"by\":\"alice\"}", requests.getFirst());
    }

    @Test
    void aRefusalIsAnErrorWithTheAgentsReason() {
        status = 409;
        answer = "{\"error\":\"production waits for approval of commit 9e8d7c6, not 4f2a9c1: nothing was recorded\"}";
        CommandLineTest.Run run = CommandLineTest.run("approve", "--env", "production", "--commit", "4f2a9c1", "--agent", url(),
                "--reject", "--token-env", "PATH");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("waits for approval of commit 9e8d7c6") && run.err().contains("HTTP 409"), run.err());
        assertTrue(requests.getFirst().startsWith("POST /api/environments/production/reject "), requests.toString());
    }

    @Test
    void withoutTheTokenNothingIsSent() {
        CommandLineTest.Run run = CommandLineTest.run("approve", "--env", "production", "--commit", "4f2a9c1", "--agent", url(),
                "--token-env", "TURNOUT_TEST_NO_SUCH_VARIABLE");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("TURNOUT_TEST_NO_SUCH_VARIABLE is not set"), run.err());
        assertTrue(requests.isEmpty());
    }
}
