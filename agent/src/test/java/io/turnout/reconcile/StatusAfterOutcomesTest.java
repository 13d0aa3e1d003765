package io.turnout.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.sim.SimulatedCloudAccess;
import io.turnout.events.DeploymentEvent;
import io.turnout.events.DeploymentEvent.DeploymentStarted;
import io.turnout.metrics.DeploymentMetrics;
import io.turnout.source.SpecRepository;
import io.turnout.status.CommitOutcome.Outcome;
import io.turnout.status.EnvironmentStatus;
import io.turnout.status.ServiceStatus;
import io.turnout.text.CommitIds;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the status says after each kind of outcome (issue 11): a commit that changes nothing live
 * deploys nothing and adds no deployment tag; a head that failed says so at the environment's top
 * and its plan is not "pending"; the GREEN slot shows its image and tasks.
 */
class StatusAfterOutcomesTest {
    @TempDir
    Path dir;
    WorkRepo repo;
    SimulatedCloudAccess cloud;
    SpecRepository repository;
    Agents.Agent production;
    final List<DeploymentEvent> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        repo = WorkRepo.withExampleSpecs(dir, "shop");
        cloud = Agents.exampleWorld();
        repository = Agents.repository(repo.fileUrl(), dir.resolve("data"));
        production = Agents.reconciler("production", repository, cloud, dir.resolve("data"), DeploymentMetrics.standalone());
        production.events().subscribe(seen::add);
    }

    @AfterEach
    void tearDown() {
        repository.close();
        repo.close();
    }

    private EnvironmentStatus status() {
        return production.ledger().snapshot();
    }

    private ServiceStatus service(String name) {
        return status().services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aCommitThatChangesNothingLiveMovesTheLiveTagOnly() throws Exception {
        production.reconcile();
        List<String> tags = repo.remoteTags("production");
        assertEquals(2, tags.size(), tags::toString); // the deployment's timestamped tag and live
        String notes = repo.write("NOTES.md", "# nothing that deploys\n", "notes");
        seen.clear();

        production.reconcile();
        assertEquals(Outcome.APPLIED, status().lastOutcome().orElseThrow().outcome());
        assertEquals("production is in sync", status().lastOutcome().orElseThrow().detail());
        assertEquals(notes, repo.remoteLiveTag("production"), "the commit is live");
        assertEquals(tags, repo.remoteTags("production"), "no turnout/production/<timestamp> for a poll that deployed nothing");
        assertTrue(seen.stream().noneMatch(DeploymentStarted.class::isInstance), "nothing was deployed");
        production.reconcile();
        assertEquals(tags, repo.remoteTags("production"));
    }

    @Test
    void aHeadThatFailedSaysSoAtTheTopAndItsPlanIsNotPending() throws Exception {
        production.reconcile();
        String live = status().liveCommit().orElseThrow();
        String broken = repo.change("services/web/service.yaml", "b: web-b", "b: web-c", "web: a target group that does not exist");

        production.reconcile();
        assertEquals(Outcome.FAILED, status().lastOutcome().orElseThrow().outcome());
        assertEquals(Optional.of(live), status().liveCommit());
        assertEquals(Optional.empty(), status().pendingPlan(), "nothing will carry the failed commit's plan out");
        String top = status().headNotDeployed().orElseThrow();
        assertTrue(top.startsWith("head " + CommitIds.shorten(broken) + " not deployed: FAILED — the plan has problems"), top);
        production.reconcile();
        assertEquals(Optional.empty(), status().pendingPlan(), "nor after the next poll");
        assertEquals(Optional.of(top), status().headNotDeployed());
    }

    @Test
    void aFirstDeploymentThatFailedLeavesNoPendingPlan() throws Exception {
        cloud.cloud().faults().failHealthChecks("web-a").failHealthChecks("web-b");
        production.reconcile();
        assertEquals(Outcome.FAILED, status().lastOutcome().orElseThrow().outcome(), () -> status().lastOutcome().toString());
        assertTrue(status().headNotDeployed().orElseThrow().contains(" not deployed: FAILED — "), status().headNotDeployed()::toString);

        production.reconcile(); // nothing applied yet: the drift check plans the head again
        assertEquals(Optional.empty(), status().pendingPlan(), "the failed head's plan is not shown as pending");
    }

    @Test
    void theGreenSlotShowsItsImageAndTasks() throws Exception {
        production.reconcile();
        repo.change("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28", "web: nginx 1.28");
        production.reconcile();

        ServiceStatus web = service("web");
        // the bootstrap put production on slot b (the prod listener already forwarded to web-a): 1.28 went to a
        assertEquals(Optional.of("a"), web.blueSlot());
        assertEquals(Optional.of("public.ecr.aws/nginx/nginx:1.28"), web.blueImage());
        ServiceStatus.Green green = web.green().orElseThrow();
        assertEquals("b", green.slot());
        assertEquals(Optional.of("public.ecr.aws/nginx/nginx:1.27"), green.image(), "what a rollback swaps back to");
        assertEquals(0, green.desiredCount(), "downsized after the deployment");
        assertTrue(green.rollbackText().startsWith("scaled to 0"), green.rollbackText());
        assertTrue(service("mailer").green().isEmpty(), "a rolling service has no GREEN slot");

        production.reconcile(); // a routine poll does not read GREEN (BLUE's tags vouch for the spec): the last read stays
        assertEquals(Optional.of(green), service("web").green());

        // a restarted agent reads every slot at its first poll
        try (SpecRepository again = Agents.repository(repo.fileUrl(), dir.resolve("again"))) {
            Agents.Agent restarted = Agents.reconciler("production", again, cloud, dir.resolve("again"), DeploymentMetrics.standalone());
            restarted.reconcile();
            ServiceStatus shown = restarted.ledger().snapshot().services().stream().filter(s -> s.name().equals("web")).findFirst()
                    .orElseThrow();
            assertEquals(Optional.of(green), shown.green());
        }
    }
}
