package io.turnout.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.UpdateServiceRequest;
import io.turnout.cloud.sim.SimulatedCloudAccess;
import io.turnout.metrics.DeploymentMetrics;
import io.turnout.source.SpecRepository;
import io.turnout.status.CommitOutcome.Outcome;
import io.turnout.status.CommitOutcome;
import io.turnout.status.EnvironmentStatus;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drift and self-heal, plan-only environments, rewinds and transient failures. */
class SyncPolicyTest {
    @TempDir
    Path dir;
    WorkRepo repo;
    SimulatedCloudAccess cloud;
    SpecRepository repository;
    Agents.Agent production;

    @BeforeEach
    void setUp() throws Exception {
        repo = WorkRepo.withExampleSpecs(dir, "shop");
        cloud = Agents.exampleWorld();
        repository = Agents.repository(repo.fileUrl(), dir.resolve("data"));
        production = Agents.reconciler("production", repository, cloud, dir.resolve("data"), DeploymentMetrics.standalone());
    }

    @AfterEach
    void tearDown() {
        repository.close();
        repo.close();
    }

    private EnvironmentStatus status() {
        return production.ledger().snapshot();
    }

    /** Someone scales the mailer by hand, outside Git. */
    private void scaleMailerByHand() {
        var gateway = cloud.cloud().gateway("222222222222", "eu-west-1");
        gateway.ecs().updateService(new UpdateServiceRequest("production", "mailer", Optional.empty(), Optional.of(5), Optional.empty(), false));
    }

    @Test
    void driftIsReportedOnEveryPollAndLeftAloneWithoutSelfHeal() throws Exception {
        production.reconcile();
        scaleMailerByHand();
        String world = Agents.world(cloud);

        production.reconcile();
        assertEquals(1, status().drift().size(), () -> status().drift().toString());
        assertTrue(status().drift().getFirst().startsWith("mailer: "), status().drift().getFirst());
        assertTrue(status().pendingPlan().isPresent());
        production.reconcile();
        assertEquals(1, status().drift().size(), "reported again at the next poll");
        assertEquals(world, Agents.world(cloud), "selfHeal is off: nothing is changed");
        assertEquals(1, status().recent().size(), "drift is not a commit outcome");
    }

    @Test
    void selfHealReappliesTheLastAppliedCommit() throws Exception {
        String head = repo.change("environments/production.yaml", "selfHeal: false", "selfHeal: true", "self-heal production");
        production.reconcile();
        long parsesBefore = repository.stats().specParses();
        scaleMailerByHand();

        production.reconcile();
        CommitOutcome healed = status().lastOutcome().orElseThrow();
        assertEquals(head, healed.commit());
        assertEquals(Outcome.APPLIED, healed.outcome());
        assertTrue(healed.detail().startsWith("self-heal: "), healed.detail());
        assertEquals(parsesBefore, repository.stats().specParses(), "the drift check uses the applied specs in memory");
        production.reconcile();
        assertEquals(java.util.List.of(), status().drift(), "healed");
    }

    @Test
    void aPlanOnlyEnvironmentKeepsThePlanForAPerson() throws Exception {
        repo.change("environments/production.yaml", "policy: auto-apply", "policy: plan-only", "production: plan only");
        String world = Agents.world(cloud);
        production.reconcile();
        CommitOutcome planned = status().lastOutcome().orElseThrow();
        assertEquals(Outcome.PLANNED, planned.outcome());
        assertTrue(planned.detail().startsWith("plan-only environment: "), planned.detail());
        assertEquals("plan-only", status().syncPolicy());
        assertTrue(status().pendingPlan().orElseThrow().stepCount() > 0);
        assertEquals(world, Agents.world(cloud));
        production.reconcile();
        assertEquals(1, status().recent().size(), "planned once");
        assertTrue(status().pendingPlan().isPresent(), "still waiting");
    }

    @Test
    void aRewindIsOnlyPlannedUnlessTheEnvironmentAllowsIt() throws Exception {
        production.reconcile();
        String first = status().headCommit().orElseThrow();
        repo.change("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28", "web: nginx 1.28");
        production.reconcile();
        String world = Agents.world(cloud);

        repo.forcePushTo(first);
        production.reconcile();
        CommitOutcome rewound = status().lastOutcome().orElseThrow();
        assertEquals(first, rewound.commit());
        assertEquals(Outcome.PLANNED, rewound.outcome());
        assertTrue(rewound.detail().contains("moved back"), rewound.detail());
        assertEquals(world, Agents.world(cloud), "nothing applied");
    }

    @Test
    void throttlingIsTransientAndRetriedAtTheNextPoll() throws Exception {
        cloud.cloud().faults().throttle("ecs:DescribeServices", 1);
        production.reconcile();
        assertTrue(status().lastOutcome().isEmpty(), "no outcome for a transient failure");
        String problem = production.ledger().problem().orElseThrow().what();
        assertTrue(problem.contains("retrying at the next poll"), problem);

        production.reconcile();
        assertEquals(Outcome.APPLIED, status().lastOutcome().orElseThrow().outcome());
        assertFalse(production.ledger().problem().isPresent());
    }
}
