package io.turnout.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.turnout.status.EnvironmentStatus;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HealthAndMetricsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.status().failWith(null);
        server.status().set(List.of());
    }

    @Test
    void notReadyBeforeTheSpecRepositoryIsRead() {
        HttpResponse<String> health = server.get("/health");
        assertEquals(503, health.statusCode());
        assertTrue(health.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        JsonNode body = JSON.readTree(health.body());
        assertEquals("DOWN", body.get("status").asString());
        assertEquals("UP", body.at("/checks/agentStatus/status").asString());
        assertEquals("DOWN", body.at("/checks/environments/status").asString());
        assertTrue(body.at("/checks/environments/detail").asString().contains("has not read the spec repository"));

        assertEquals(503, server.get("/health/readiness").statusCode());
        HttpResponse<String> liveness = server.get("/health/liveness");
        assertEquals(200, liveness.statusCode());
        assertEquals("UP", JSON.readTree(liveness.body()).get("status").asString());
    }

    @Test
    void notReadyWhileAnEnvironmentWasNeverPolled() {
        EnvironmentStatus prod = StatusFixtures.production();
        EnvironmentStatus unpolled = new EnvironmentStatus("staging", prod.repository(), "main", "plan-only",
                Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty(), List.of(),
                Optional.empty(), List.of(), List.of());
        server.status().set(List.of(prod, unpolled));
        HttpResponse<String> readiness = server.get("/health/readiness");
        assertEquals(503, readiness.statusCode());
        assertEquals("not polled yet: staging", JSON.readTree(readiness.body()).at("/checks/environments/detail").asString());
    }

    @Test
    void upWhenEveryEnvironmentWasPolled() {
        server.status().set(StatusFixtures.twoEnvironments());
        HttpResponse<String> health = server.get("/health");
        assertEquals(200, health.statusCode());
        JsonNode body = JSON.readTree(health.body());
        assertEquals("UP", body.get("status").asString());
        assertEquals("2 environments polled", body.at("/checks/environments/detail").asString());
        assertEquals(200, server.get("/health/readiness").statusCode());
    }

    @Test
    void notLiveWhenTheReadModelFails() {
        server.status().failWith(new IllegalStateException("boom"));
        HttpResponse<String> liveness = server.get("/health/liveness");
        assertEquals(503, liveness.statusCode());
        assertEquals("read model failed: IllegalStateException",
                JSON.readTree(liveness.body()).at("/checks/agentStatus/detail").asString());
    }

    @Test
    void metricsAreThePrometheusTextOfTheSharedRegistry() {
        PrometheusMeterRegistry registry = server.context().getBean(PrometheusMeterRegistry.class);
        registry.counter("turnout_test_deployments", "environment", "production").increment(3);
        HttpResponse<String> metrics = server.get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", metrics.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(metrics.body().contains("# TYPE turnout_test_deployments_total counter"), metrics.body());
        assertTrue(metrics.body().contains("turnout_test_deployments_total{environment=\"production\"} 3.0"), metrics.body());
    }
}
