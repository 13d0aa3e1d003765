package io.turnout.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.plan.Plan;
import io.turnout.spec.SpecTree;
import io.turnout.status.CommitOutcome;
import io.turnout.status.CommitOutcome.Outcome;
import io.turnout.status.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What every {@link StateStore} must do, whatever keeps the state: run against each implementation
 * by extending this class ({@link LocalStateStoreTest}; a database-backed store adds its own).
 */
abstract class StateStoreContract {
    /** A fresh, empty store. */
    abstract StateStore store();

    static CommitOutcome outcome(String commit, Outcome outcome) {
        return new CommitOutcome(commit, "subject of " + commit, outcome, "detail", Instant.parse("2026-01-01T00:00:00Z"), Duration.ofSeconds(3));
    }

    @Test
    void anEnvironmentNeverWrittenReadsAsEmpty() {
        StateStore store = store();
        assertEquals(List.of(), store.recentOutcomes("production", 20));
        assertFalse(store.decided("production", "c1"));
        assertEquals(Optional.empty(), store.driftBaseline("production"));
        assertEquals(Optional.empty(), store.pendingPlan("production"));
        assertEquals(Optional.empty(), store.problem("production"));
        assertEquals(Optional.empty(), store.syncPolicy("production"));
        assertEquals(List.of(), store.journal("production").entries());
    }

    @Test
    void outcomesComeBackNewestFirstAndCountAsDecided() {
        StateStore store = store();
        store.recordOutcome("production", outcome("c1", Outcome.SUPERSEDED));
        store.recordOutcome("production", outcome("c2", Outcome.APPLIED));
        store.recordOutcome("staging", outcome("c9", Outcome.INVALID));
        assertEquals(List.of("c2", "c1"), store.recentOutcomes("production", 20).stream().map(CommitOutcome::commit).toList());
        assertEquals(List.of("c2"), store.recentOutcomes("production", 1).stream().map(CommitOutcome::commit).toList());
        assertEquals(outcome("c2", Outcome.APPLIED), store.recentOutcomes("production", 1).getFirst());
        assertTrue(store.decided("production", "c1"));
        assertFalse(store.decided("production", "c9"), "per environment");
    }

    @Test
    void theLatestValueOfEachFactIsKeptPerEnvironment() {
        StateStore store = store();
        Plan plan = new Plan("production", Optional.of("c2"), List.of(), List.of());
        store.pendingPlan("production", Optional.of(plan));
        Problem problem = Problem.first("git", "cannot fetch", Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMinutes(1), true)
                .again("cannot fetch still", Instant.parse("2026-01-01T00:01:00Z"), Duration.ofMinutes(1), true);
        store.problem("production", Optional.of(problem));
        store.syncPolicy("production", "plan-only");
        store.syncPolicy("production", "auto-apply");
        DriftBaseline baseline = new DriftBaseline("c2", new SpecTree(List.of(), List.of()));
        store.driftBaseline("production", baseline);
        assertEquals(Optional.of(plan), store.pendingPlan("production"));
        assertEquals(Optional.of(problem), store.problem("production"), "every field of the problem, since and count included");
        assertEquals(Optional.of("auto-apply"), store.syncPolicy("production"));
        assertEquals(Optional.of(baseline), store.driftBaseline("production"));
        assertEquals(Optional.empty(), store.problem("staging"));
        store.pendingPlan("production", Optional.empty());
        store.problem("production", Optional.empty());
        assertEquals(Optional.empty(), store.pendingPlan("production"));
        assertEquals(Optional.empty(), store.problem("production"));
    }

    @Test
    void theJournalIsOnePerEnvironmentAndKeepsItsEntries() {
        StateStore store = store();
        store.journal("production").append(JsonNodeFactory.instance.objectNode().put("type", "begin"));
        assertSame(store.journal("production"), store.journal("production"));
        assertEquals("begin", store.journal("production").entries().getFirst().path("type").asString());
        assertEquals(List.of(), store.journal("staging").entries());
    }

    @Test
    void forgettingAnEnvironmentKeepsItsJournal() {
        StateStore store = store();
        store.recordOutcome("qa", outcome("c1", Outcome.APPLIED));
        store.syncPolicy("qa", "auto-apply");
        store.journal("qa").append(JsonNodeFactory.instance.objectNode().put("type", "begin"));
        store.forget("qa");
        assertEquals(List.of(), store.recentOutcomes("qa", 20));
        assertFalse(store.decided("qa", "c1"));
        assertEquals(Optional.empty(), store.syncPolicy("qa"));
        assertEquals(1, store.journal("qa").entries().size(), "an unfinished deployment is still recovered");
    }
}
