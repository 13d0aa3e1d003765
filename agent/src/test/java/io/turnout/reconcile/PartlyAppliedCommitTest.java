package io.turnout.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.sim.SimulatedCloudAccess;
import io.turnout.events.DeploymentEvent;
import io.turnout.events.DeploymentEvent.DeploymentStarted;
import io.turnout.events.DeploymentEvent.DriftChecked;
import io.turnout.events.DeploymentEvent.ServiceFinished;
import io.turnout.metrics.DeploymentMetrics;
import io.turnout.source.SpecRepository;
import io.turnout.status.CommitOutcome;
import io.turnout.status.CommitOutcome.Outcome;
import io.turnout.status.ServiceOutcome.Result;
import io.turnout.status.ServiceStatus;
import io.turnout.status.Approvals;
import io.turnout.status.EnvironmentStatus;
import io.turnout.status.WaitingApproval;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit that changes two services, one of which fails to verify: the other is deployed all the
 * same (invariant 7), the outcome says which was applied and which rolled back (history, metrics by
 * service), the live tag stays where it was, and the next poll neither reports the deployed service
 * as drift nor undoes it.
 */
class PartlyAppliedCommitTest {
    static final String WEB_1_28 = "public.ecr.aws/nginx/nginx:1.28";
    static final String API_3_13 = "public.ecr.aws/docker/library/python:3.13-slim";

    @TempDir
    Path dir;
    WorkRepo repo;
    SpecRepository repository;
    SimulatedCloudAccess cloud;
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

    private <T extends DeploymentEvent> List<T> of(Class<T> type) {
        return seen.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private ServiceStatus service(String name) {
        return production.board().environment("production").orElseThrow().services().stream()
                .filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private double deployments(String service, String result) {
        var counter = production.metrics().registry().find("turnout.service.deployments").tag("service", service)
                .tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The outcome of {@code head}: failed as a whole, web applied, api rolled back, and the commit's tag not moved. */
    private CommitOutcome webAppliedApiRolledBack(String head, String bootstrap) throws Exception {
        CommitOutcome outcome = production.board().environment("production").orElseThrow().lastOutcome().orElseThrow();
        assertEquals(head, outcome.commit());
        assertEquals(Outcome.FAILED, outcome.outcome(), outcome.detail());
        assertEquals(List.of("web"), outcome.services(Result.APPLIED));
        assertEquals(List.of("api"), outcome.services(Result.ROLLED_BACK));
        assertEquals(WEB_1_28, service("web").blueImage().orElseThrow(), "web is deployed");
        assertEquals(API_3_13, service("api").blueImage().orElseThrow(), "api is as it was");
        assertEquals(bootstrap, repo.remoteLiveTag("production"), "the commit is not live as a whole: its tag does not move");
        return outcome;
    }

    /** The next poll: no new commit, no deployment, and web (deployed) is neither drift nor undone. */
    private void theNextPollLeavesWebDeployed() {
        seen.clear();
        production.reconcile();
        assertEquals(0, of(DeploymentStarted.class).size());
        assertEquals(List.of(), of(DriftChecked.class).getFirst().drift());
        assertEquals(WEB_1_28, service("web").blueImage().orElseThrow());
    }

    private List<String> servicesFinished() {
        return of(ServiceFinished.class).stream().map(e -> e.outcome().service() + " " + e.outcome().result()).sorted().toList();
    }

    @Test
    void theOtherServiceIsDeployedAndTheOutcomeSaysWhichWasRolledBack() throws Exception {
        production.reconcile();
        String bootstrap = repo.remoteLiveTag("production");
        assertEquals(1.0, deployments("web", "applied"), "the bootstrap applied web");
        repo.change("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28", "web: nginx 1.28");
        String head = repo.change("services/api/api.taskdef.yaml", "python:3.13-slim", "python:3.14-slim", "api: python 3.14");
        // api's new slot (a, its green: the bootstrap went to b) never passes its health checks
        cloud.cloud().faults().failHealthChecks("api-a");
        seen.clear();

        production.reconcile();

        CommitOutcome outcome = webAppliedApiRolledBack(head, bootstrap);
        assertTrue(outcome.detail().startsWith("1 applied, 1 rolled back: api: step "), outcome.detail());
        assertTrue(outcome.detail().contains("applied: web (1 service, each deployed and verified on its own)"), outcome.detail());
        assertEquals(List.of("api ROLLED_BACK", "web APPLIED"), servicesFinished());
        assertEquals(2.0, deployments("web", "applied"));
        assertEquals(1.0, deployments("api", "rolled_back"));

        cloud.cloud().faults().clear();
        theNextPollLeavesWebDeployed();
    }

    /**
     * Invariant 7 with an approval gate: web waits at its gate (verified, production untouched) while
     * api fails. api alone is rolled back; web keeps waiting — its new slot is not scaled back — and,
     * once approved, is deployed without api being touched again; the next poll sees no drift.
     */
    @Test
    void aServiceWaitingForApprovalIsNotRolledBackWhenAnotherServiceFails() throws Exception {
        production.reconcile();
        String bootstrap = repo.remoteLiveTag("production");
        repo.change("services/web/service.yaml", "        bakeTime: 1m\n", "        bakeTime: 1m\n        approval: required\n",
                "web: approval required");
        repo.change("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28", "web: nginx 1.28");
        String head = repo.change("services/api/api.taskdef.yaml", "python:3.13-slim", "python:3.14-slim", "api: python 3.14");
        cloud.cloud().faults().failHealthChecks("api-a");
        seen.clear();

        production.reconcile();

        EnvironmentStatus waiting = production.board().environment("production").orElseThrow();
        assertTrue(waiting.waitingForApproval(), waiting.toString());
        assertEquals(List.of("web"), waiting.approvals().stream().map(WaitingApproval::service).toList());
        assertEquals(List.of("api ROLLED_BACK"), servicesFinished(), "web waits; api alone ended, rolled back");
        assertEquals(API_3_13, service("api").blueImage().orElseThrow(), "api is as it was");
        assertEquals("public.ecr.aws/nginx/nginx:1.27", service("web").blueImage().orElseThrow(), "production untouched while web waits");
        ServiceStatus.Green webGreen = service("web").green().orElseThrow();
        assertEquals(Optional.of(WEB_1_28), webGreen.image());
        assertTrue(webGreen.desiredCount() > 0 && webGreen.runningCount() > 0,
                "web's verified new slot is kept for the approval, not rolled back with api: " + webGreen);

        cloud.cloud().faults().clear();
        Approvals.Answer answer = new ApprovalService(production.board(), production.store(), Agents.WALL)
                .decide("production", head, Approvals.Decision.APPROVE, "alice");
        assertEquals(Approvals.Answer.Result.RECORDED, answer.result(), answer.message());
        seen.clear();
        production.reconcile();

        CommitOutcome outcome = webAppliedApiRolledBack(head, bootstrap);
        assertTrue(outcome.detail().startsWith("web: approved by alice"), outcome.detail());
        assertEquals(List.of("web APPLIED"), servicesFinished(), "api is not touched again");

        // web, deployed after its approval, is not drift at the next poll (nor undone)
        theNextPollLeavesWebDeployed();
    }
}
