package io.turnout.cli;

import io.turnout.agent.runtime.AgentApplication;
import io.turnout.bench.EstateFiles;
import io.turnout.bench.ScaleBenchmark;
import io.turnout.bench.SyntheticEstate;
import io.turnout.cloud.sim.WorldFile;
import io.turnout.error.TurnoutException;
import io.turnout.source.LocalRepositories;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code turnout aot-training} (hidden): what a JVM started with {@code -XX:AOTCacheOutput=FILE}
 * runs so that it records an AOT cache of the agent's start (JEP 483/514/515: classes loaded and
 * linked, method profiles) — the Maven build and the container image run it, {@code ./turnout} and
 * the image's entrypoint use the cache. It starts a real agent on the simulated cloud, on a spec
 * repository made here (a small synthetic estate with three changed images, so the first poll
 * deploys), waits until it is ready, reads its status page, API and metrics, and stops it.
 */
@Command(name = "aot-training", hidden = true, description = "Start an agent on a made-up estate until it is ready, then stop"
        + " (the training run of the AOT cache).")
final class AotTrainingCommand implements Callable<Integer> {
    private static final Duration READY_WITHIN = Duration.ofMinutes(5);

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("turnout-aot-training");
        try {
            SyntheticEstate estate = SyntheticEstate.of(12);
            Path specs = work.resolve("specs");
            EstateFiles.write(estate, estate.withNewImage(3, 10), specs);
            Path world = work.resolve("world.yaml");
            WorldFile.write(estate.cloud(), "training", world);
            Path bare = work.resolve("specs.git");
            LocalRepositories.commitAndCloneBare(specs, bare, "training");
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("turnout.agent.repositories.default.url", bare.toUri().toString());
            properties.put("turnout.agent.cloud", "sim");
            properties.put("turnout.agent.world", world.toString());
            properties.put("turnout.agent.data-dir", work.resolve("data").toString());
            properties.put("micronaut.server.port", -1);
            properties.put("micronaut.server.host", "127.0.0.1");
            properties.put("micronaut.application.name", "turnout");
            try (AgentApplication agent = AgentApplication.start(properties)) {
                URL url = agent.startServer().orElseThrow(() -> new TurnoutException("the training agent has no HTTP server",
                        "This is a bug in the training run."));
                HttpClient http = HttpClient.newHttpClient();
                Instant deadline = Instant.now().plus(READY_WITHIN);
                while (get(http, url, "/health/readiness") != 200) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new TurnoutException("the training agent was not ready within " + READY_WITHIN.toMinutes() + "m",
                                "Run it with TURNOUT_LOG_LEVEL=INFO to see what it waits for.");
                    }
                    Thread.sleep(50);
                }
                for (String path : List.of("/", "/api/environments", "/api/environments/production", "/metrics", "/health")) {
                    get(http, url, path);
                }
            }
            return ExitCodes.OK;
        } finally {
            ScaleBenchmark.delete(work);
        }
    }

    private static int get(HttpClient http, URL base, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
