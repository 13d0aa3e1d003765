package io.turnout.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.turnout.error.TurnoutException;
import io.turnout.pipeline.CloudKind;
import io.turnout.reconcile.ReconcileFixtures;
import io.turnout.source.GitCredentials;
import io.turnout.source.GitRemote;
import io.turnout.source.SecretSource;
import io.turnout.status.AgentStatus;
import io.turnout.status.CommitOutcome.Outcome;
import io.turnout.status.EnvironmentStatus;
import io.turnout.status.ServiceStatus;
import io.turnout.status.SyncTrigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent as a Micronaut application context: configuration, beans, the schedule started with it. */
class AgentApplicationTest {
    static final Path WORLD = Path.of("..", "specs-example", "world.yaml").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** Waits for real scheduler threads, at most {@code limit}. */
    static void await(Duration limit, Supplier<Boolean> condition, Supplier<String> what) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.get()) {
            assertTrue(System.nanoTime() < end, () -> "timed out after " + limit + ": " + what.get());
            Thread.sleep(20);
        }
    }

    @Test
    void deploysTheHeadAndANewCommitThroughTheApplicationContext() throws Exception {
        try (ReconcileFixtures.Fixture fx = ReconcileFixtures.exampleRepository(dir)) {
            String worldBefore = Files.readString(WORLD);
            Map<String, Object> properties = Map.of(
                    "turnout.agent.repositories.shop.url", fx.url(),
                    "turnout.agent.repositories.shop.path", "specs",
                    "turnout.agent.cloud", "sim",
                    "turnout.agent.world", WORLD.toString(),
                    "turnout.agent.data-dir", dir.resolve("data").toString(),
                    "turnout.agent.environments", "production",
                    "micronaut.server.host", "127.0.0.1",
                    "micronaut.server.port", -1);
            // with the HTTP server, as turnout agent runs it: the scheduler starts once the server is up
            try (io.micronaut.runtime.server.EmbeddedServer server = ApplicationContext.run(io.micronaut.runtime.server.EmbeddedServer.class, properties)) {
                ApplicationContext context = server.getApplicationContext();
                assertTrue(server.isRunning());
                AgentStatus status = context.getBean(AgentStatus.class);
                SyncTrigger trigger = context.getBean(SyncTrigger.class);
                await(Duration.ofSeconds(60), () -> status.environment("production").flatMap(EnvironmentStatus::lastOutcome).isPresent(),
                        () -> status.environments().toString());
                EnvironmentStatus production = status.environment("production").orElseThrow();
                assertEquals(Outcome.APPLIED, production.lastOutcome().orElseThrow().outcome(), production::toString);
                assertEquals(1, status.environments().size(), "the environment filter leaves staging out");

                String c2 = fx.repo().change("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28", "web: nginx 1.28");
                assertTrue(trigger.syncEnvironment("production"));
                await(Duration.ofSeconds(60), () -> status.environment("production").flatMap(EnvironmentStatus::lastOutcome)
                        .map(o -> o.commit().equals(c2)).orElse(false), () -> status.environments().toString());
                production = status.environment("production").orElseThrow();
                assertEquals(Outcome.APPLIED, production.lastOutcome().orElseThrow().outcome(), production::toString);
                ServiceStatus web = production.services().stream().filter(s -> s.name().equals("web")).findFirst().orElseThrow();
                assertEquals("public.ecr.aws/nginx/nginx:1.28", web.blueImage().orElseThrow());
                assertEquals(c2, fx.repo().remoteLiveTag("production"));

                // the shared registry that /metrics scrapes
                String metrics = context.getBean(io.micrometer.prometheusmetrics.PrometheusMeterRegistry.class).scrape();
                for (String name : java.util.List.of("turnout_polls_total{environment=\"production\"}",
                        "turnout_commits_total{environment=\"production\",outcome=\"applied\"} 2.0",
                        "turnout_plan_steps_count{environment=\"production\"}", "turnout_deployment_duration_seconds_count",
                        "turnout_aws_calls_total{environment=\"production\",operation=\"ecs:RegisterTaskDefinition\"} 7.0")) {
                    assertTrue(metrics.contains(name), () -> name + " in\n" + metrics);
                }
            }
            assertEquals(worldBefore, Files.readString(WORLD), "the world file in the repository is never modified");
            assertTrue(Files.readString(dir.resolve("data").resolve("world.yaml")).contains("web--b"), "the copy in the data dir is");
        }
    }

    /** turnout agent's properties for the example repository on the simulated cloud of {@code world}, HTTP on 127.0.0.1. */
    private static Map<String, Object> onTheExample(ReconcileFixtures.Fixture fx, Path world, Path dataDir, int port) {
        return Map.of("turnout.agent.repositories.shop.url", fx.url(), "turnout.agent.repositories.shop.path", "specs",
                "turnout.agent.cloud", "sim", "turnout.agent.world", world.toString(), "turnout.agent.data-dir", dataDir.toString(),
                "micronaut.server.host", "127.0.0.1", "micronaut.server.port", port);
    }

    /**
     * The state store, the cloud and the repositories are opened on threads of their own while the
     * HTTP server starts (StartupWork); what fails there is still "the agent could not start", with
     * the cause, not the HTTP server's failure, and nothing is left running.
     */
    @Test
    void whatFailsWhileTheServerStartsIsTheAgentsFailureNotTheServers() throws Exception {
        try (ReconcileFixtures.Fixture fx = ReconcileFixtures.exampleRepository(dir)) {
            Path notADirectory = Files.writeString(dir.resolve("data-file"), "a file where the data directory should be");
            AgentApplication agent = AgentApplication.start(onTheExample(fx, WORLD, notADirectory, -1));
            try {
                TurnoutException e = org.junit.jupiter.api.Assertions.assertThrows(TurnoutException.class, agent::startServer);
                assertTrue(e.getMessage().startsWith("the agent could not start: "), e.getMessage());
                assertTrue(e.getMessage().contains(notADirectory.toString()), e.getMessage());
            } finally {
                agent.close();
            }

            // a world file that is not there: the cloud, opened on its own thread, fails the same way
            AgentApplication noWorld = AgentApplication.start(onTheExample(fx, dir.resolve("missing-world.yaml"), dir.resolve("data"), -1));
            try {
                TurnoutException e = org.junit.jupiter.api.Assertions.assertThrows(TurnoutException.class, noWorld::startServer);
                assertTrue(e.getMessage().startsWith("the agent could not start: "), e.getMessage());
                assertTrue(e.getMessage().contains("missing-world.yaml"), e.getMessage());
            } finally {
                noWorld.close();
            }
        }
    }

    /** A port in use is the HTTP server's failure; the store opened meanwhile is closed with the application. */
    @Test
    void aPortInUseIsTheServersFailureAndTheStoreOpenedMeanwhileIsClosed() throws Exception {
        try (ReconcileFixtures.Fixture fx = ReconcileFixtures.exampleRepository(dir);
             java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path data = dir.resolve("data");
            AgentApplication agent = AgentApplication.start(onTheExample(fx, WORLD, data, taken.getLocalPort()));
            TurnoutException e;
            try {
                e = org.junit.jupiter.api.Assertions.assertThrows(TurnoutException.class, agent::startServer);
            } finally {
                agent.close();
            }
            assertTrue(e.getMessage().startsWith("cannot start the HTTP server"), e.getMessage());
            assertTrue(Files.exists(data.resolve("state.db")), "the store was opened while the server started");
            // and closed with the application: this process holds no file of it open any more (Linux shows its files)
            Path fds = Path.of("/proc/self/fd");
            if (Files.isDirectory(fds)) {
                try (java.util.stream.Stream<Path> open = Files.list(fds)) {
                    java.util.List<String> held = open.map(fd -> {
                        try {
                            return Files.readSymbolicLink(fd).toString();
                        } catch (java.io.IOException gone) {
                            return "";
                        }
                    }).filter(f -> f.startsWith(data.resolve("state.db").toString())).toList();
                    assertEquals(java.util.List.of(), held);
                }
            }
        }
    }

    /** The configuration example in the README binds as it says (read from the README itself, so that it stays true). */
    @Test
    void theReadmeConfigurationExampleBinds() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("## Running the agent");
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        String yaml = readme.substring(start, readme.indexOf("```", start));
        Files.writeString(dir.resolve("application.yml"), yaml + "\n    enabled: false\n");
        try (ApplicationContext context = ApplicationContext.builder().overrideConfigLocations("file:" + dir).start()) {
            AgentConfiguration config = context.getBean(AgentConfiguration.class);
            assertEquals(Path.of("/var/lib/turnout"), config.getDataDir());
            assertEquals(CloudKind.AWS, config.getCloud());
            assertEquals(java.util.List.of("staging", "production"), config.getEnvironments());
            assertEquals(Duration.ofMinutes(1), config.getDiscoveryInterval());
            assertEquals(Optional.of("jdbc:postgresql://db:5432/turnout"), config.getDatasource().getUrl());
            assertEquals(Duration.ofSeconds(5), config.getDatasource().getClusterCheckinInterval());
            RepositoryConfiguration shop = context.getBean(RepositoryConfiguration.class, io.micronaut.inject.qualifiers.Qualifiers.byName("shop"));
            GitRemote remote = shop.toRemote();
            assertEquals("deploy/specs", remote.path());
            assertEquals(GitCredentials.token(SecretSource.environmentVariable("GITHUB_TOKEN")), remote.credentials());
            assertFalse(context.containsBean(SyncTrigger.class), "enabled: false");
        }
    }

    @Test
    void withoutRepositoriesThereAreNoAgentBeans() {
        try (ApplicationContext context = ApplicationContext.run(Map.of())) {
            assertFalse(context.containsBean(AgentStatus.class));
            assertFalse(context.containsBean(SyncTrigger.class));
        }
    }

    @Test
    void credentialsAreReferencesToSecretsNeverValues() {
        Map<String, Object> properties = Map.of(
                "turnout.agent.repositories.shop.url", "https://github.com/shop/specs.git",
                "turnout.agent.repositories.shop.credentials.token-env", "GITHUB_TOKEN",
                "turnout.agent.repositories.infra.url", "git@github.com:shop/infra.git",
                "turnout.agent.repositories.infra.branch", "release",
                "turnout.agent.repositories.infra.credentials.ssh-key", "/secrets/id_ed25519",
                "turnout.agent.repositories.infra.credentials.known-hosts", "/secrets/known_hosts",
                "turnout.agent.datasource.password", "s3cret",
                "turnout.agent.discovery-interval", "30s",
                "turnout.agent.enabled", "false");
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            Map<String, GitRemote> remotes = new java.util.TreeMap<>();
            for (RepositoryConfiguration r : context.getBeansOfType(RepositoryConfiguration.class)) remotes.put(r.getName(), r.toRemote());
            assertEquals(new GitCredentials.Https("x-access-token", SecretSource.environmentVariable("GITHUB_TOKEN")),
                    remotes.get("shop").credentials());
            assertEquals("main", remotes.get("shop").branch());
            GitCredentials.Ssh ssh = assertInstanceOf(GitCredentials.Ssh.class, remotes.get("infra").credentials());
            assertEquals(Path.of("/secrets/known_hosts"), ssh.knownHosts());
            assertEquals(Optional.empty(), ssh.passphrase());
            assertEquals("release", remotes.get("infra").branch());
            AgentConfiguration config = context.getBean(AgentConfiguration.class);
            assertEquals(Duration.ofSeconds(30), config.getDiscoveryInterval());
            assertFalse(config.getDatasource().toString().contains("s3cret"));
        }
    }
}
