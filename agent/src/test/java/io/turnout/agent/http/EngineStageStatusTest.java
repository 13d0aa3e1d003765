package io.turnout.agent.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.events.DeploymentEvent.EngineStageChanged;
import io.turnout.events.DeploymentEvent.ServicesRead;
import io.turnout.ledger.StatusBoard;
import io.turnout.state.EnvironmentLease;
import io.turnout.state.LocalStateStore;
import io.turnout.status.EnvironmentStatus;
import io.turnout.status.ServiceStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: while AWS's own engine deploys a service, the status page and the API show its lifecycle
 * stage and traffic weights, kept in the state store with the rest of the status (so every replica
 * sharing the store shows it), until the next read of the services says where it is.
 */
class EngineStageStatusTest {
    private static final String STAGE = "TEST_TRAFFIC_SHIFT, production 100% on checkout:3, test 100% on checkout:4";

    private final LocalStateStore store = LocalStateStore.inMemory();
    private final StatusBoard board = new StatusBoard(store);

    private static ServiceStatus checkout(Optional<String> deployment) {
        return new ServiceStatus("checkout", "ecs BLUE_GREEN", Optional.empty(), Optional.of("ghcr.io/shop/checkout:3"),
                Optional.of("1a2b3c4d5e6f"), 2, Optional.empty(), deployment);
    }

    private static ServiceStatus worker() {
        return new ServiceStatus("worker", "rolling", Optional.empty(), Optional.of("ghcr.io/shop/worker:7"), Optional.empty(), 1);
    }

    private EnvironmentStatus production() {
        return board.environment("production").orElseThrow();
    }

    @Test
    void theEnginesStageIsShownUntilTheNextReadOfTheServices() {
        // the reconciler writes the status while it holds the environment's lease
        EnvironmentLease lease = store.lease("production");
        board.follow("production", "https://git.example/specs.git", "main");
        board.on(new ServicesRead("production", StatusFixtures.T0, List.of(checkout(Optional.empty()), worker())));
        String idle = StatusPage.render(List.of(production()), StatusFixtures.T0);
        assertTrue(idle.contains("<td class=\"slot na\" colspan=\"2\">one service, no deployment under way</td>"), idle);

        board.on(new EngineStageChanged("production", StatusFixtures.T0.plusSeconds(30), Optional.of("c0ffee"), "checkout", STAGE));

        EnvironmentStatus env = production();
        assertEquals(Optional.of(STAGE), env.services().get(0).deployment(), "kept for checkout");
        assertEquals(Optional.empty(), env.services().get(1).deployment(), "the other service is untouched");
        assertEquals(Optional.of(STAGE), store.facts("production").services().get(0).deployment(), "in the store, not only in memory");
        String page = StatusPage.render(List.of(env), StatusFixtures.T0.plusSeconds(40));
        assertTrue(page.contains("<td class=\"slot deploying\" colspan=\"2\">" + STAGE + "</td>"), page);
        assertEquals(STAGE, ApiJson.service(env.services().get(0)).get("deployment").asString());

        // the deployment ended: the next read has no deployment under way, and neither has the page
        board.on(new ServicesRead("production", StatusFixtures.T0.plusSeconds(600), List.of(checkout(Optional.empty()), worker())));
        assertEquals(Optional.empty(), production().services().get(0).deployment());
        assertTrue(ApiJson.service(production().services().get(0)).get("deployment").isNull(), "null when none is under way");
        lease.close();
    }

    @Test
    void aStageOfAnEnvironmentNotFollowedChangesNothing() {
        EnvironmentLease lease = store.lease("production");
        board.follow("production", "https://git.example/specs.git", "main");
        board.on(new ServicesRead("production", StatusFixtures.T0, List.of(checkout(Optional.empty()))));
        board.on(new EngineStageChanged("staging", StatusFixtures.T0, Optional.empty(), "checkout", STAGE));
        assertEquals(Optional.empty(), production().services().get(0).deployment());
        assertTrue(board.environment("staging").isEmpty());
        lease.close();
    }
}
