package io.turnout.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.turnout.apply.PlanExecutor;
import io.turnout.apply.Progress;
import io.turnout.cloud.sim.SimulatedCloudAccess;
import io.turnout.live.BatchedLiveStateReader;
import io.turnout.live.LiveState;
import io.turnout.metrics.DeploymentMetrics;
import io.turnout.plan.Plan;
import io.turnout.plan.Planner;
import io.turnout.plan.SlotTags;
import io.turnout.source.SpecRepository;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SpecTree;
import io.turnout.state.StateStore;
import io.turnout.state.sql.SqlStateStore;
import io.turnout.state.sql.StateDatabase;
import io.turnout.status.CommitOutcome.Outcome;
import io.turnout.status.EnvironmentStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a restarted agent (or another replica) knows: the remote's live tag and the journal. */
class RestartTest {
    @TempDir
    Path dir;

    static long registrations(SimulatedCloudAccess cloud) {
        return cloud.cloud().region("222222222222", "eu-west-1").stats().count("ecs:RegisterTaskDefinition");
    }

    @Test
    void anAgentWithAnEmptyDataDirReadsTheLiveTagAndDoesNotDeployAgain() throws Exception {
        try (WorkRepo repo = WorkRepo.withExampleSpecs(dir, "shop")) {
            SimulatedCloudAccess cloud = Agents.exampleWorld();
            try (SpecRepository first = Agents.repository(repo.fileUrl(), dir.resolve("first"))) {
                Agents.reconciler("production", first, cloud, dir.resolve("first"), DeploymentMetrics.standalone()).reconcile();
            }
            long registered = registrations(cloud);
            String world = Agents.world(cloud);
            DeploymentMetrics metrics = DeploymentMetrics.standalone();
            try (SpecRepository second = Agents.repository(repo.fileUrl(), dir.resolve("second"))) {
                Agents.Agent production = Agents.reconciler("production", second, cloud, dir.resolve("second"), metrics);
                production.reconcile();
                EnvironmentStatus status = production.ledger().snapshot();
                assertEquals(status.headCommit(), status.liveCommit(), "live tag read from the remote");
                assertTrue(status.lastOutcome().isEmpty(), "nothing new to decide");
                assertEquals(registered, registrations(cloud));
                assertEquals(world, Agents.world(cloud));
                assertEquals(6, status.services().size());
                assertTrue(status.services().stream().allMatch(s -> s.blueCommit().equals(status.liveCommit())), status.services()::toString);
            }
            MeterRegistry registry = metrics.registry();
            assertEquals(1.0, registry.get("turnout.polls").counter().count());
            assertTrue(registry.get("turnout.aws.calls").tag("operation", "ecs:DescribeServices").functionCounter().count() > 0);
        }
    }

    /**
     * Issue 11: a restarted agent showed every environment as plan-only (the policy was only learned
     * from a new head). It is known from discovery on, and from the first poll also when the head is
     * live already.
     */
    @Test
    void theSyncPolicyIsTheConfiguredOneAfterARestart() throws Exception {
        try (WorkRepo repo = WorkRepo.withExampleSpecs(dir, "shop")) {
            repo.change("environments/staging.yaml", "policy: auto-apply", "policy: plan-only", "staging: plan only");
            ReconcileFixtures.Fixture fx = new ReconcileFixtures.Fixture(repo, Agents.exampleWorld());
            try (Reconcilers first = fx.reconcilers(dir.resolve("first"), Set.of())) {
                first.discover("shop");
                first.reconciler("production").orElseThrow().reconcile();
                first.reconciler("staging").orElseThrow().reconcile();
                assertEquals("auto-apply", first.board().environment("production").orElseThrow().syncPolicy());
                assertEquals("plan-only", first.board().environment("staging").orElseThrow().syncPolicy());
            }
            // a new process on the same data directory: the head is live in production, planned in staging
            try (Reconcilers second = fx.reconcilers(dir.resolve("first"), Set.of())) {
                second.discover("shop");
                assertEquals("auto-apply", second.board().environment("production").orElseThrow().syncPolicy(), "from discovery");
                assertEquals("plan-only", second.board().environment("staging").orElseThrow().syncPolicy(), "from discovery");
                second.reconciler("production").orElseThrow().reconcile();
                EnvironmentStatus production = second.board().environment("production").orElseThrow();
                assertEquals(production.headCommit(), production.liveCommit(), "nothing new to deploy");
                assertEquals("auto-apply", production.syncPolicy());
            }
            // and a reconciler that polls before any discovery (a scheduled job firing first) learns it at its first poll
            try (SpecRepository third = Agents.repository(repo.fileUrl(), dir.resolve("third"))) {
                Agents.Agent production = Agents.reconciler("production", third, fx.cloud(), dir.resolve("third"),
                        DeploymentMetrics.standalone());
                assertEquals("unknown", production.ledger().snapshot().syncPolicy(), "never a policy it has not read");
                production.reconcile();
                assertEquals("auto-apply", production.ledger().snapshot().syncPolicy());
            }
        }
    }

    /** A killed process: an Error, which the executor does not catch, leaves the journal unfinished. */
    static final class Kill extends Error {
        Kill() {
            super("simulated process kill", null, false, false);
        }
    }

    @Test
    void aDeploymentInterruptedByACrashIsFinishedFromTheJournalOnStart() throws Exception {
        try (WorkRepo repo = WorkRepo.withExampleSpecs(dir, "shop")) {
            SimulatedCloudAccess cloud = Agents.exampleWorld();
            Path data = dir.resolve("data");
            String c2;
            try (SpecRepository repository = Agents.repository(repo.fileUrl(), data)) {
                Agents.reconciler("production", repository, cloud, data, DeploymentMetrics.standalone()).reconcile();
                c2 = repo.change("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28", "web: nginx 1.28");
                // the agent's deployment of c2 dies after its third step
                SpecTree tree = repository.poll().specs().tree().orElseThrow();
                EnvironmentSpec env = tree.environment("production").orElseThrow();
                LiveState live = new BatchedLiveStateReader(cloud.gatewayFor(env), SlotTags::runsDesired).read(env, tree);
                Plan plan = new Planner().plan(env, tree.servicesIn(env), live, Optional.of(c2));
                // the agent's store and lease; the killed process never releases the lease: it runs out (lease duration)
                SqlStateStore dyingStore = new SqlStateStore(StateDatabase.embedded(data), "the agent that dies", Duration.ofSeconds(10),
                        StateStore.DEFAULT_HISTORY_LIMIT, InstantSource.system());
                dyingStore.lease("production");
                PlanExecutor dying = PlanExecutor.builder(cloud.gatewayFor(env), env).journal(dyingStore.journal("production"))
                        .time(cloud.clock(), cloud.sleeper()).httpProbe(cloud.httpProbe()).progress(new Progress() {
                            @Override
                            public void line(String message) {
                            }

                            @Override
                            public void stepFinished(int index, io.turnout.plan.Step step) {
                                if (index == 2) throw new Kill();
                            }
                        }).build();
                assertThrows(Kill.class, () -> dying.apply(plan, live));
                assertTrue(dyingStore.holder("production").isPresent(), "the dead agent's lease is still there");
                // ... until it runs out: the restarted agent is told who holds the environment until then, and then takes it
                Agents.Agent early = Agents.reconciler("production", repository, cloud, data, DeploymentMetrics.standalone());
                assertEquals("the agent that dies", early.reconciler().reconcile().orElseThrow().who());
                dyingStore.close(); // (what running out does, without waiting 10 s)
            }
            long registered = registrations(cloud);
            // the agent starts again on the same data directory
            try (SpecRepository repository = Agents.repository(repo.fileUrl(), data)) {
                Agents.Agent production = Agents.reconciler("production", repository, cloud, data, DeploymentMetrics.standalone());
                production.reconcile();
                EnvironmentStatus status = production.ledger().snapshot();
                assertEquals(c2, status.lastOutcome().orElseThrow().commit());
                assertEquals(Outcome.APPLIED, status.lastOutcome().orElseThrow().outcome(), status.lastOutcome().orElseThrow()::detail);
                assertEquals(c2, repo.remoteLiveTag("production"));
                assertEquals(registered, registrations(cloud), "the journal's deployment was finished, not started over");
                assertEquals("public.ecr.aws/nginx/nginx:1.28", status.services().stream().filter(s -> s.name().equals("web"))
                        .findFirst().orElseThrow().blueImage().orElseThrow());
            }
        }
    }
}
