package io.turnout.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.CallStats;
import io.turnout.cloud.sim.SimulatedCloudAccess;
import io.turnout.ledger.StatusBoard;
import io.turnout.metrics.DeploymentMetrics;
import io.turnout.source.SourceStats;
import io.turnout.source.SpecRepository;
import io.turnout.status.CommitOutcome.Outcome;
import io.turnout.status.CommitOutcome;
import io.turnout.status.EnvironmentStatus;
import io.turnout.status.ServiceStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reconciler driven directly against a local bare repository and the simulated cloud. */
class ReconcileEndToEndTest {
    static final String WEB_TASKDEF = "services/web/web.taskdef.json";
    static final String NGINX_127 = "public.ecr.aws/nginx/nginx:1.27";
    static final String NGINX_128 = "public.ecr.aws/nginx/nginx:1.28";

    @TempDir
    Path dir;
    WorkRepo repo;
    SimulatedCloudAccess cloud;
    SpecRepository repository;
    Agents.Agent production;
    StatusBoard board;
    DeploymentMetrics metrics = DeploymentMetrics.standalone();

    @BeforeEach
    void setUp() throws Exception {
        repo = WorkRepo.withExampleSpecs(dir, "shop");
        cloud = Agents.exampleWorld();
        repository = Agents.repository(repo.fileUrl(), dir.resolve("data"));
        production = Agents.reconciler("production", repository, cloud, dir.resolve("data"), metrics);
        board = production.board();
    }

    @AfterEach
    void tearDown() {
        repository.close();
        repo.close();
    }

    private EnvironmentStatus status() {
        return board.environment("production").orElseThrow();
    }

    private ServiceStatus web() {
        return status().services().stream().filter(s -> s.name().equals("web")).findFirst().orElseThrow();
    }

    private long registrations() {
        CallStats stats = cloud.cloud().region("222222222222", "eu-west-1").stats();
        return stats.count("ecs:RegisterTaskDefinition");
    }

    @Test
    void aNewImageIsDeployedMarkedAndShownAndARevertRollsBackFast() throws Exception {
        // bootstrap: the first commit deploys every service
        production.reconcile();
        String first = status().headCommit().orElseThrow();
        assertEquals(Outcome.APPLIED, status().lastOutcome().orElseThrow().outcome(), () -> status().toString());
        assertEquals(first, repo.remoteLiveTag("production"));
        assertEquals(NGINX_127, web().blueImage().orElseThrow());
        String firstBlue = web().blueSlot().orElseThrow();

        // a new image: blue/green to the other slot, the live tag moves on the remote
        String c2 = repo.change(WEB_TASKDEF, NGINX_127, NGINX_128, "web: nginx 1.28");
        production.reconcile();
        CommitOutcome applied = status().lastOutcome().orElseThrow();
        assertEquals(c2, applied.commit());
        assertEquals(Outcome.APPLIED, applied.outcome(), applied::detail);
        assertEquals("web: nginx 1.28", applied.subject());
        assertEquals(c2, repo.remoteLiveTag("production"));
        assertEquals(c2, status().liveCommit().orElseThrow());
        assertEquals(NGINX_128, web().blueImage().orElseThrow());
        assertFalse(web().blueSlot().orElseThrow().equals(firstBlue), "the other slot serves now");
        assertEquals(c2, web().blueCommit().orElseThrow());

        // git revert: the idle slot still has the old task definition, so nothing is registered
        long before = registrations();
        String revert = repo.revert(c2);
        production.reconcile();
        CommitOutcome rolledBack = status().lastOutcome().orElseThrow();
        assertEquals(revert, rolledBack.commit());
        assertEquals(Outcome.APPLIED, rolledBack.outcome(), rolledBack::detail);
        assertTrue(rolledBack.detail().contains("rollback"), rolledBack.detail());
        assertEquals(before, registrations(), "a revert registers no task definition");
        assertEquals(NGINX_127, web().blueImage().orElseThrow());
        assertEquals(firstBlue, web().blueSlot().orElseThrow());
        assertEquals(revert, repo.remoteLiveTag("production"));
        assertEquals(List.of(revert, c2, first), status().recent().stream().map(CommitOutcome::commit).toList());
    }

    @Test
    void aPollWithNoNewCommitNeitherFetchesNorParses() throws Exception {
        production.reconcile();
        SourceStats before = repository.stats();
        production.reconcile();
        SourceStats after = repository.stats();
        assertEquals(before.lsRemotes() + 1, after.lsRemotes(), "one ls-remote");
        assertEquals(before.fetches(), after.fetches(), "no fetch");
        assertEquals(before.specParses(), after.specParses(), "no spec parse");
        assertEquals(1, status().recent().size(), "no new outcome");
        assertEquals(List.of(), status().drift());
    }

    @Test
    void anInvalidCommitLeavesTheCloudAloneAndTheNextValidOneSupersedesTheOnesInBetween() throws Exception {
        production.reconcile();
        String world = Agents.world(cloud);

        String invalid = repo.change("services/web/service.yaml", "desiredCount:", "desiredCont:", "typo");
        production.reconcile();
        CommitOutcome outcome = status().lastOutcome().orElseThrow();
        assertEquals(invalid, outcome.commit());
        assertEquals(Outcome.INVALID, outcome.outcome());
        assertTrue(outcome.detail().matches(".*services/web/service\\.yaml:\\d+.*"), outcome.detail());
        assertEquals(world, Agents.world(cloud), "invalid specs never reach the cloud");
        assertFalse(invalid.equals(repo.remoteLiveTag("production")));

        String fix = repo.change("services/web/service.yaml", "desiredCont:", "desiredCount:", "fix the typo");
        String image = repo.change(WEB_TASKDEF, NGINX_127, NGINX_128, "web: nginx 1.28");
        production.reconcile();
        List<CommitOutcome> recent = status().recent();
        assertEquals(image, recent.get(0).commit());
        assertEquals(Outcome.APPLIED, recent.get(0).outcome(), recent.get(0).detail());
        assertEquals(fix, recent.get(1).commit());
        assertEquals(Outcome.SUPERSEDED, recent.get(1).outcome());
        assertEquals(invalid, recent.get(2).commit(), "the invalid commit is reported once");
        assertEquals(4, recent.size());
        assertEquals(image, repo.remoteLiveTag("production"));
        assertEquals(NGINX_128, web().blueImage().orElseThrow());
        assertEquals(1.0, metrics.registry().get("turnout.commits").tag("outcome", "superseded").counter().count());
    }
}
