package io.turnout.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.plan.Plan;
import io.turnout.spec.SpecTree;
import io.turnout.spec.SyncMode;
import io.turnout.spec.SyncPolicy;
import io.turnout.status.CommitOutcome;
import io.turnout.status.CommitOutcome.Outcome;
import io.turnout.status.Problem;
import io.turnout.status.ServiceOutcome;
import io.turnout.status.ServiceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every {@link StateStore} must do, whatever keeps the state: run against each implementation
 * by extending this class ({@link LocalStateStoreTest}, and the database stores: embedded SQLite and
 * PostgreSQL, in {@code io.turnout.state.sql}).
 */
public abstract class StateStoreContract {
    private final java.util.List<StateStore> opened = new java.util.ArrayList<>();

    /** A fresh, empty store keeping {@code historyLimit} outcomes per environment. */
    protected abstract StateStore newStore(int historyLimit);

    protected final StateStore store() {
        return store(StateStore.DEFAULT_HISTORY_LIMIT);
    }

    protected final StateStore store(int historyLimit) {
        StateStore store = newStore(historyLimit);
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(StateStore::close);
    }

    public static CommitOutcome outcome(String commit, Outcome outcome) {
        return new CommitOutcome(commit, "subject of " + commit, outcome, "detail", Instant.parse("2026-01-01T00:00:00.123456789Z"),
                Duration.ofMillis(3_210));
    }

    protected static ObjectNode entry(String type) {
        return JsonNodeFactory.instance.objectNode().put("type", type);
    }

    @Test
    void anEnvironmentNeverWrittenReadsAsEmpty() {
        StateStore store = store();
        assertEquals(List.of(), store.recentOutcomes("production", 20));
        assertFalse(store.decided("production", "c1"));
        assertEquals(Optional.empty(), store.driftBaseline("production"));
        assertEquals(EnvironmentFacts.NONE, store.facts("production"));
        assertEquals(Optional.empty(), store.pendingPlan("production"));
        assertEquals(Optional.empty(), store.problem("production"));
        assertEquals(Optional.empty(), store.syncPolicy("production"));
        assertEquals(List.of(), store.journal("production").entries());
        assertEquals(Optional.empty(), store.holder("production"));
        assertEquals(Set.of(), store.environments());
    }

    @Test
    void outcomesComeBackNewestFirstAndCountAsDecided() {
        StateStore store = store();
        try (EnvironmentLease p = store.lease("production"); EnvironmentLease s = store.lease("staging")) {
            store.recordOutcome("production", outcome("c1", Outcome.SUPERSEDED));
            store.recordOutcome("production", outcome("c2", Outcome.APPLIED));
            store.recordOutcome("staging", outcome("c9", Outcome.INVALID));
        }
        assertEquals(List.of("c2", "c1"), store.recentOutcomes("production", 20).stream().map(CommitOutcome::commit).toList());
        assertEquals(List.of("c2"), store.recentOutcomes("production", 1).stream().map(CommitOutcome::commit).toList());
        assertEquals(outcome("c2", Outcome.APPLIED), store.recentOutcomes("production", 1).getFirst(), "read back exactly (nanoseconds too)");
        assertTrue(store.decided("production", "c1"));
        assertFalse(store.decided("production", "c9"), "per environment");
        assertEquals(Set.of("production", "staging"), store.environments());
    }

    @Test
    void whatADeploymentDidToEachServiceIsKeptWithItsOutcome() {
        StateStore store = store();
        CommitOutcome partly = new CommitOutcome("c3", "two services", Outcome.FAILED, "1 applied, 1 rolled back: api: …",
                Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMinutes(7), List.of(
                        new ServiceOutcome("api", ServiceOutcome.Result.ROLLED_BACK, "step 4/8 failed; rolled back: api--a"),
                        new ServiceOutcome("web", ServiceOutcome.Result.APPLIED, "applied 8 steps")));
        try (EnvironmentLease p = store.lease("production")) {
            store.recordOutcome("production", outcome("c2", Outcome.APPLIED));
            store.recordOutcome("production", partly);
        }
        List<CommitOutcome> read = store.recentOutcomes("production", 2);
        assertEquals(partly, read.getFirst());
        assertEquals(List.of("web"), read.getFirst().services(ServiceOutcome.Result.APPLIED));
        assertEquals(List.of(), read.get(1).services(), "an outcome that names no service reads back without");
    }

    @Test
    void historyIsBoundedPerEnvironment() {
        StateStore store = store(5);
        try (EnvironmentLease p = store.lease("production"); EnvironmentLease s = store.lease("staging")) {
            for (int i = 0; i < 12; i++) store.recordOutcome("production", outcome("c" + i, Outcome.APPLIED));
            store.recordOutcome("staging", outcome("s0", Outcome.APPLIED));
        }
        assertEquals(List.of("c11", "c10", "c9", "c8", "c7"),
                store.recentOutcomes("production", Integer.MAX_VALUE).stream().map(CommitOutcome::commit).toList());
        assertFalse(store.decided("production", "c6"), "the oldest fell out");
        assertEquals(1, store.recentOutcomes("staging", 20).size(), "another environment's history is its own");
    }

    @Test
    void theLatestValueOfEachFactIsKeptPerEnvironment() {
        StateStore store = store();
        Plan plan = new Plan("production", Optional.of("c2"), List.of(), List.of());
        DriftBaseline baseline = new DriftBaseline("c2", new SpecTree(List.of(), List.of()));
        List<ServiceStatus> services = List.of(new ServiceStatus("web", "elb", Optional.of("b"), Optional.of("nginx:1.28"), Optional.of("c2"), 2),
                new ServiceStatus("mailer", "rolling", Optional.empty(), Optional.empty(), Optional.empty(), 0));
        Instant polled = Instant.parse("2026-01-01T00:00:01.000000001Z");
        Problem problem = Problem.first("git", "cannot fetch", Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMinutes(1), true)
                .again("cannot fetch still", Instant.parse("2026-01-01T00:01:00Z"), Duration.ofMinutes(1), true);
        try (EnvironmentLease lease = store.lease("production")) {
            store.pendingPlan("production", Optional.of(plan));
            store.problem("production", Optional.of(problem));
            store.syncPolicy("production", "plan-only");
            store.syncPolicy("production", "auto-apply");
            store.driftBaseline("production", baseline);
            store.handledHead("production", "c2");
            store.headPolled("production", "c3", polled);
            store.liveCommit("production", Optional.of("c2"));
            store.deploying("production", true);
            store.drift("production", List.of("web: desiredCount 2 → 3"));
            store.services("production", services);
        }
        assertEquals(new EnvironmentFacts(Optional.of("auto-apply"), Optional.of("c2"), Optional.of("c3"), Optional.of(polled),
                Optional.of("c2"), true, Optional.of(plan), List.of("web: desiredCount 2 → 3"), Optional.of(problem), services),
                store.facts("production"));
        assertEquals(Optional.of(plan), store.pendingPlan("production"));
        assertEquals(Optional.of(problem), store.problem("production"), "every field of the problem, since and count included");
        assertEquals(Optional.of(baseline), store.driftBaseline("production"));
        assertEquals(EnvironmentFacts.NONE, store.facts("staging"));
        try (EnvironmentLease lease = store.lease("production")) {
            store.pendingPlan("production", Optional.empty());
            store.problem("production", Optional.empty());
            store.liveCommit("production", Optional.empty());
            store.deploying("production", false);
        }
        EnvironmentFacts after = store.facts("production");
        assertEquals(Optional.empty(), after.pendingPlan());
        assertEquals(Optional.empty(), after.problem());
        assertEquals(Optional.empty(), after.liveCommit());
        assertFalse(after.deploying());
    }

    @Test
    void theJournalIsOnePerEnvironmentKeepsItsEntriesAndIsCompactedOnRequest() {
        StateStore store = store();
        try (EnvironmentLease lease = store.lease("production")) {
            store.journal("production").append(entry("begin"));
            store.journal("production").append(entry("step-start").put("index", 0));
            assertSame(store.journal("production"), store.journal("production"));
            assertEquals(List.of("begin", "step-start"), store.journal("production").entries().stream().map(e -> e.path("type").asString()).toList());
            assertEquals(List.of(), store.journal("staging").entries());
            store.compactJournal("production");
            assertEquals(List.of(), store.journal("production").entries());
        }
    }

    @Test
    void nothingIsWrittenForAnEnvironmentWithoutItsLease() {
        StateStore store = store();
        assertThrows(LeaseLostException.class, () -> store.journal("production").append(entry("begin")));
        assertThrows(LeaseLostException.class, () -> store.recordOutcome("production", outcome("c1", Outcome.APPLIED)));
        assertThrows(LeaseLostException.class, () -> store.problem("production", Optional.empty()));
        try (EnvironmentLease lease = store.lease("staging")) {
            assertThrows(LeaseLostException.class, () -> store.liveCommit("production", Optional.of("c1")), "another environment's lease");
        }
        EnvironmentLease released = store.lease("production");
        released.close();
        assertThrows(LeaseLostException.class, () -> store.deploying("production", true), "a released lease");
        assertEquals(EnvironmentFacts.NONE, store.facts("production"));
        assertEquals(List.of(), store.journal("production").entries());
    }

    @Test
    void oneLeaseAtATimePerEnvironmentNamingItsHolder() {
        StateStore store = store();
        try (EnvironmentLease lease = store.lease("production")) {
            EnvironmentBusyException busy = assertThrows(EnvironmentBusyException.class, () -> store.lease("production"));
            assertEquals("production", busy.environment());
            assertTrue(busy.getMessage().contains(busy.holder().who()), busy::getMessage);
            assertEquals(busy.holder(), store.holder("production").orElseThrow());
            assertFalse(lease.lost());
            store.lease("staging").close(); // other environments are free
        }
        assertEquals(Optional.empty(), store.holder("production"), "released");
        store.lease("production").close();
    }

    @Test
    void theEnvironmentsOfEachRepositoryAreKept() {
        StateStore store = store();
        java.util.SortedMap<String, SyncPolicy> environments = new java.util.TreeMap<>(java.util.Map.of(
                "production", new SyncPolicy(SyncMode.AUTO_APPLY, Duration.ofMinutes(1), Duration.ofSeconds(10), true, false),
                "staging", new SyncPolicy(SyncMode.PLAN_ONLY, Duration.ofSeconds(30), Duration.ZERO, false, true)));
        store.environmentsOf("shop", environments);
        assertEquals(environments, store.environmentsOf("shop"));
        assertEquals(java.util.Map.of(), store.environmentsOf("infra"));
    }

    @Test
    void forgettingAnEnvironmentKeepsItsJournal() {
        StateStore store = store();
        try (EnvironmentLease lease = store.lease("qa")) {
            store.recordOutcome("qa", outcome("c1", Outcome.APPLIED));
            store.syncPolicy("qa", "auto-apply");
            store.journal("qa").append(entry("begin"));
        }
        store.forget("qa");
        assertEquals(List.of(), store.recentOutcomes("qa", 20));
        assertFalse(store.decided("qa", "c1"));
        assertEquals(Optional.empty(), store.syncPolicy("qa"));
        assertEquals(1, store.journal("qa").entries().size(), "an unfinished deployment is still recovered");
    }
}
