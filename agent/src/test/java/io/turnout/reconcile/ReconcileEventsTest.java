package io.turnout.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.sim.SimulatedCloudAccess;
import io.turnout.events.DeploymentEvent;
import io.turnout.events.DeploymentEvent.CommitDecided;
import io.turnout.events.DeploymentEvent.DeploymentFinished;
import io.turnout.events.DeploymentEvent.DeploymentStarted;
import io.turnout.events.DeploymentEvent.DriftChecked;
import io.turnout.events.DeploymentEvent.HeadPolled;
import io.turnout.events.DeploymentEvent.PollStarted;
import io.turnout.events.DeploymentEvent.StepFinished;
import io.turnout.events.DeploymentEvent.StepStarted;
import io.turnout.metrics.DeploymentMetrics;
import io.turnout.source.SpecRepository;
import io.turnout.status.CommitOutcome;
import io.turnout.status.CommitOutcome.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reconciler publishes each thing that happens once, and the ledger and the metrics see the same stream. */
class ReconcileEventsTest {
    @TempDir
    Path dir;
    WorkRepo repo;
    SpecRepository repository;
    Agents.Agent production;
    final List<DeploymentEvent> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        repo = WorkRepo.withExampleSpecs(dir, "shop");
        SimulatedCloudAccess cloud = Agents.exampleWorld();
        repository = Agents.repository(repo.fileUrl(), dir.resolve("data"));
        production = Agents.reconciler("production", repository, cloud, dir.resolve("data"), DeploymentMetrics.standalone());
        production.events().subscribe(seen::add);
    }

    @AfterEach
    void tearDown() {
        repository.close();
        repo.close();
    }

    private <T extends DeploymentEvent> List<T> of(Class<T> type) {
        return seen.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void aDeploymentIsPublishedOnceFromPollToOutcome() throws Exception {
        production.reconcile();
        String head = of(HeadPolled.class).getFirst().head();
        assertTrue(seen.getFirst() instanceof PollStarted, seen.getFirst()::toString);
        assertEquals(1, of(DeploymentStarted.class).size());
        int steps = of(DeploymentStarted.class).getFirst().plan().stepCount();
        assertEquals(steps, of(StepStarted.class).size());
        assertEquals(steps, of(StepFinished.class).size());
        assertTrue(of(DeploymentFinished.class).getFirst().succeeded());
        List<CommitDecided> decided = of(CommitDecided.class);
        assertEquals(1, decided.size(), "one outcome, published once");
        assertEquals(head, decided.getFirst().outcome().commit());
        assertEquals(Outcome.APPLIED, decided.getFirst().outcome().outcome());
        assertTrue(seen.indexOf(of(DeploymentFinished.class).getFirst()) < seen.indexOf(decided.getFirst()), "the outcome comes last");
        // the ledger shows what the events said, and the metrics counted the same
        CommitOutcome shown = production.board().environment("production").orElseThrow().lastOutcome().orElseThrow();
        assertEquals(decided.getFirst().outcome(), shown);
        assertEquals(1.0, production.metrics().registry().get("turnout.commits").tag("outcome", "applied").counter().count());

        // a poll with nothing new: a drift check, no outcome, no deployment
        seen.clear();
        production.reconcile();
        assertEquals(0, of(CommitDecided.class).size());
        assertEquals(0, of(DeploymentStarted.class).size());
        assertEquals(List.of(), of(DriftChecked.class).getFirst().drift());

        // commits pushed between two polls: the older is superseded, the head applied, each decided once
        String c2 = repo.change("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28", "web: nginx 1.28");
        String c3 = repo.change("services/web/web.taskdef.json", "nginx:1.28", "nginx:1.29", "web: nginx 1.29");
        seen.clear();
        production.reconcile();
        assertEquals(List.of(c2 + " SUPERSEDED", c3 + " APPLIED"), of(CommitDecided.class).stream()
                .map(d -> d.outcome().commit() + " " + d.outcome().outcome()).toList());
    }
}
