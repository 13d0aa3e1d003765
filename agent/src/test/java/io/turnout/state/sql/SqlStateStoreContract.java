package io.turnout.state.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.turnout.plan.Plan;
import io.turnout.state.DriftBaseline;
import io.turnout.state.EnvironmentBusyException;
import io.turnout.state.EnvironmentLease;
import io.turnout.state.LeaseLostException;
import io.turnout.state.StateStore;
import io.turnout.state.StateStoreContract;
import io.turnout.spec.SpecTree;
import io.turnout.status.CommitOutcome.Outcome;
import io.turnout.status.Problem;
import io.turnout.status.ServiceStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a database, plus what only a database store does: several processes (each
 * with its own pool, as replicas and {@code turnout apply} are) share one truth and one lease per
 * environment, a dead holder's lease runs out, a holder that lost its lease writes nothing more, and
 * everything survives closing and opening the store again.
 */
abstract class SqlStateStoreContract extends StateStoreContract {
    static final Duration LEASE = Duration.ofSeconds(10);
    private final List<StateStore> processes = new ArrayList<>();

    /** A new, empty database's location (a folder, a JDBC URL). */
    abstract String freshLocation();

    /** Opens the database at {@code location} again, as another process would (its own pool). */
    abstract StateDatabase open(String location);

    private String location;

    @Override
    protected StateStore newStore(int historyLimit) {
        location = freshLocation();
        return new SqlStateStore(open(location), "the first process", LEASE, historyLimit, InstantSource.system());
    }

    /** Another process on the same database as the last {@link #store()}, whose clock reads {@code clock}. */
    StateStore anotherProcess(String owner, InstantSource clock) {
        StateStore other = new SqlStateStore(open(location), owner, LEASE, StateStore.DEFAULT_HISTORY_LIMIT, clock);
        processes.add(other);
        return other;
    }

    @AfterEach
    void closeProcesses() {
        processes.forEach(StateStore::close);
    }

    @Test
    void anotherProcessSeesEverythingAndIsRefusedTheLeaseNamingTheHolder() {
        StateStore first = store();
        StateStore second = anotherProcess("turnout apply by alice on laptop (pid 42)", InstantSource.system());
        try (EnvironmentLease lease = first.lease("production")) {
            first.recordOutcome("production", outcome("c1", Outcome.APPLIED));
            first.services("production", List.of(new ServiceStatus("web", "elb", Optional.of("a"), Optional.empty(), Optional.of("c1"), 2)));
            first.journal("production").append(entry("begin"));
            assertEquals(first.facts("production"), second.facts("production"));
            assertEquals(first.recentOutcomes("production", 20), second.recentOutcomes("production", 20));
            assertEquals(1, second.journal("production").entries().size());
            EnvironmentBusyException busy = assertThrows(EnvironmentBusyException.class, () -> second.lease("production"));
            assertEquals("the first process", busy.holder().who());
            assertThrows(LeaseLostException.class, () -> second.journal("production").append(entry("step-start")),
                    "a process without the lease writes nothing");
        }
        // released: the other process takes it, and the first is refused naming it
        try (EnvironmentLease lease = second.lease("production")) {
            EnvironmentBusyException busy = assertThrows(EnvironmentBusyException.class, () -> first.lease("production"));
            assertTrue(busy.getMessage().contains("turnout apply by alice on laptop (pid 42)"), busy::getMessage);
        }
    }

    @Test
    void aDeadHoldersLeaseRunsOutAndALateWriteOfTheOldHolderIsRefused() {
        StateStore first = store();
        EnvironmentLease old = first.lease("production");
        first.journal("production").append(entry("begin"));
        // another process, later than the lease lasts (the first one stopped renewing: it died, or is paused)
        InstantSource later = () -> Instant.now().plus(LEASE).plusSeconds(1);
        StateStore second = anotherProcess("the survivor", later);
        try (EnvironmentLease taken = second.lease("production")) {
            second.journal("production").append(entry("step-start"));
            // the first process comes back: every write is refused, so it changes nothing more
            assertThrows(LeaseLostException.class, () -> first.journal("production").append(entry("step-end")));
            assertThrows(LeaseLostException.class, () -> first.recordOutcome("production", outcome("c1", Outcome.APPLIED)));
            assertTrue(old.lost());
            old.close(); // and releasing it does not release the survivor's
            assertEquals("the survivor", second.holder("production").orElseThrow().who());
            assertEquals(List.of("begin", "step-start"),
                    second.journal("production").entries().stream().map(e -> e.path("type").asString()).toList());
            assertFalse(taken.lost());
        }
    }

    @Test
    void aHeldLeaseIsRenewedWithoutHoldingAConnection() throws InterruptedException {
        location = freshLocation();
        StateDatabase database = open(location);
        try (SqlStateStore store = new SqlStateStore(database, "renewing", Duration.ofMillis(600), 20, InstantSource.system());
             EnvironmentLease lease = store.lease("production")) {
            Instant first = store.holder("production").orElseThrow().until();
            await(Duration.ofSeconds(10), () -> store.holder("production").orElseThrow().until().isAfter(first.plusMillis(150)));
            // A renewal holds a connection for the length of its statement: sampled at one instant, a busy machine may
            // catch one in flight. A lease that kept its connection would never let the pool reach zero.
            HikariPoolMXBean pool = ((HikariDataSource) database.dataSource()).getHikariPoolMXBean();
            await(Duration.ofSeconds(10), () -> pool.getActiveConnections() == 0);
            assertFalse(lease.lost());
        }
    }

    @Test
    void everythingSurvivesClosingAndOpeningTheStore() {
        StateStore first = store();
        Plan plan = new Plan("production", Optional.of("c2"), List.of(), List.of());
        try (EnvironmentLease lease = first.lease("production")) {
            first.recordOutcome("production", outcome("c1", Outcome.SUPERSEDED));
            first.recordOutcome("production", outcome("c2", Outcome.PLANNED));
            first.syncPolicy("production", "plan-only");
            first.pendingPlan("production", Optional.of(plan));
            first.problem("production", Optional.of(Problem.first("tags", "the push of turnout/production/live was refused. Retried at the next poll.",
                    Instant.parse("2026-01-01T00:00:05Z"), Duration.ofMinutes(1), true)));
            first.headPolled("production", "c2", Instant.parse("2026-01-01T00:00:05Z"));
            first.driftBaseline("production", new DriftBaseline("c1", new SpecTree(List.of(), List.of())));
            first.journal("production").append(entry("begin"));
        }
        var facts = first.facts("production");
        var outcomes = first.recentOutcomes("production", 20);
        first.close();
        StateStore reopened = anotherProcess("the same agent, restarted", InstantSource.system());
        assertEquals(facts, reopened.facts("production"));
        assertEquals(outcomes, reopened.recentOutcomes("production", 20));
        assertEquals("c1", reopened.driftBaseline("production").orElseThrow().commit());
        assertEquals(1, reopened.journal("production").entries().size());
        assertTrue(reopened.holder("production").isEmpty(), "a closed store released its leases");
    }

    static void await(Duration limit, Supplier<Boolean> condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.get()) {
            assertTrue(System.nanoTime() < end, "timed out after " + limit);
            Thread.sleep(50);
        }
    }
}
