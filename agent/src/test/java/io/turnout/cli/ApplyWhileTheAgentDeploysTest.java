package io.turnout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cli.CommandLineTest.Run;
import io.turnout.events.DeploymentEvent;
import io.turnout.reconcile.ReconcileFixtures;
import io.turnout.reconcile.Reconcilers;
import io.turnout.state.StateStore;
import io.turnout.state.sql.StateStoreSettings;
import io.turnout.status.CommitOutcome.Outcome;
import io.turnout.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One deployment per environment between a laptop and the agent: while the agent deploys
 * production, {@code turnout apply} on the same state store (the agent's data directory, or its
 * PostgreSQL) is refused, naming the agent, and changes nothing; once the agent is done, the apply goes.
 */
class ApplyWhileTheAgentDeploysTest {
    static final String AGENT = "turnout agent on agent-host (pid 4242)";

    @TempDir
    Path tmp;

    @Test
    void onTheAgentsDataDirectory() throws Exception {
        Path data = tmp.resolve("agent");
        refusedWhileTheAgentDeploys(StateStoreSettings.embedded(data).open(AGENT), "--data-dir", data.toString());
    }

    @Test
    void onTheAgentsPostgresql() throws Exception {
        String url = TestPostgres.freshDatabase();
        StateStore store = StateStoreSettings.embedded(tmp.resolve("agent")).withDatabase(Optional.of(url), "postgres", null).open(AGENT);
        refusedWhileTheAgentDeploys(store, "--datasource", url, "--data-dir", tmp.resolve("laptop").toString());
    }

    private void refusedWhileTheAgentDeploys(StateStore agentStore, String... storeOptions) throws Exception {
        Path specs = io.turnout.apply.SimWorldCopy.copy(CommandLineTest.EXAMPLE, tmp.resolve("specs"));
        Path world = tmp.resolve("world.yaml");
        Files.move(specs.resolve("world.yaml"), world);
        String worldBefore = Files.readString(world);
        try (ReconcileFixtures.Fixture fx = ReconcileFixtures.exampleRepository(tmp.resolve("repo"));
             Reconcilers agent = fx.reconcilers(fx.url(), tmp.resolve("agent"), Set.of("production"), agentStore)) {
            // the agent deploys production and is held after its third step
            CountDownLatch midDeployment = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            agent.events().subscribe(event -> {
                if (event instanceof DeploymentEvent.StepFinished step && step.index() == 2) {
                    midDeployment.countDown();
                    await(release);
                }
            });
            agent.discover("shop");
            Thread deploying = Thread.ofPlatform().start(() -> agent.reconciler("shop", "production").reconcile());
            assertTrue(midDeployment.await(60, TimeUnit.SECONDS), "the agent is deploying");

            List<String> args = new java.util.ArrayList<>(List.of("apply", "--env", "production", "--specs", specs.toString(),
                    "--cloud", "sim", "--world", world.toString(), "--auto-approve"));
            args.addAll(List.of(storeOptions));
            Run refused = CommandLineTest.run(args.toArray(String[]::new));
            assertEquals(ExitCodes.ERROR, refused.exit(), refused.out() + refused.err());
            assertTrue(refused.err().contains("error: production is being changed by " + AGENT), refused.err());
            assertTrue(refused.err().contains("Nothing was changed"), refused.err());
            assertFalse(refused.out().contains("[1/"), "no step ran: " + refused.out());
            assertEquals(worldBefore, Files.readString(world), "the apply touched nothing");

            release.countDown();
            deploying.join(60_000);
            assertEquals(Outcome.APPLIED, agent.board().environment("production").orElseThrow().lastOutcome().orElseThrow().outcome());
            // the agent is done: the apply takes the environment now
            Run after = CommandLineTest.run(args.toArray(String[]::new));
            assertEquals(ExitCodes.OK, after.exit(), after.out() + after.err());
        }
    }

    @Test
    void stateExportShowsWhatTheAgentKept() throws Exception {
        Path data = tmp.resolve("agent");
        try (ReconcileFixtures.Fixture fx = ReconcileFixtures.exampleRepository(tmp.resolve("repo"));
             Reconcilers agent = fx.reconcilers(fx.url(), data, Set.of("production"), StateStoreSettings.embedded(data).open(AGENT))) {
            agent.discover("shop");
            agent.reconciler("shop", "production").reconcile();
        }
        Path out = tmp.resolve("state.json");
        Run export = CommandLineTest.run("state", "export", "--data-dir", data.toString(), "--out", out.toString());
        assertEquals(ExitCodes.OK, export.exit(), export.err());
        tools.jackson.databind.JsonNode json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(Files.readString(out));
        assertTrue(json.path("store").asString().startsWith("SQLite "), json.toString());
        tools.jackson.databind.JsonNode production = json.path("environments").get(0);
        assertEquals("production", production.path("name").asString());
        assertEquals("APPLIED", production.path("outcomes").get(0).path("outcome").asString());
        assertEquals("auto-apply", production.path("facts").path("syncPolicy").asString());
        assertEquals(0, production.path("journal").size(), "the finished deployment's journal was compacted");
        assertTrue(production.path("lease").isNull(), "released");

        Run nothing = CommandLineTest.run("state", "export", "--data-dir", tmp.resolve("nowhere").toString());
        assertEquals(ExitCodes.ERROR, nothing.exit());
        assertTrue(nothing.err().contains("no state store in"), nothing.err());
        assertFalse(Files.exists(tmp.resolve("nowhere/state.db")), "an export creates nothing");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
