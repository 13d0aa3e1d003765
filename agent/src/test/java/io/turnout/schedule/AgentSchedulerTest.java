package io.turnout.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.agent.CommitOutcome.Outcome;
import io.turnout.agent.EnvironmentStatus;
import io.turnout.reconcile.ReconcileFixtures;
import io.turnout.reconcile.Reconcilers;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobKey;

/** The in-memory Quartz schedule: environments discovered from the head, polled at once, triggered on demand. */
class AgentSchedulerTest {
    @TempDir
    Path dir;

    @Test
    void discoversEnvironmentsPollsThemAndSyncsOnDemand() throws Exception {
        try (ReconcileFixtures.Fixture fx = ReconcileFixtures.exampleRepository(dir)) {
            Reconcilers reconcilers = fx.reconcilers(dir.resolve("data"), Set.of());
            BlockingQueue<String> done = new LinkedBlockingQueue<>();
            try (AgentScheduler scheduler = new AgentScheduler(reconcilers, SchedulerSettings.inMemory())) {
                scheduler.hooks(env -> { }, done::add);
                scheduler.start();
                assertEquals(Set.of(JobKey.jobKey("production", "shop"), JobKey.jobKey("staging", "shop")),
                        scheduler.quartz().getJobKeys(org.quartz.impl.matchers.GroupMatcher.jobGroupEquals("shop")));
                awaitBoth(done);
                EnvironmentStatus production = reconcilers.board().environment("production").orElseThrow();
                assertEquals(Outcome.APPLIED, production.lastOutcome().orElseThrow().outcome(), production::toString);
                assertEquals(List.of("production", "staging"), reconcilers.board().environments().stream().map(EnvironmentStatus::name).toList());

                String c2 = fx.repo().change("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28", "web: nginx 1.28");
                assertEquals(2, scheduler.pollRepository("shop"), "a webhook for owner/name polls both environments");
                awaitBoth(done);
                production = reconcilers.board().environment("production").orElseThrow();
                assertEquals(c2, production.lastOutcome().orElseThrow().commit());
                assertEquals(Outcome.APPLIED, production.lastOutcome().orElseThrow().outcome());
                assertTrue(scheduler.syncEnvironment("staging"));
                assertEquals("staging", done.poll(60, TimeUnit.SECONDS));
                assertFalse(scheduler.syncEnvironment("nowhere"));
            }
        }
    }

    private static void awaitBoth(BlockingQueue<String> done) throws InterruptedException {
        java.util.Set<String> seen = new java.util.TreeSet<>();
        while (seen.size() < 2) {
            String env = done.poll(60, TimeUnit.SECONDS);
            assertTrue(env != null, "a reconcile should finish within 60s, saw " + seen);
            seen.add(env);
        }
    }

    @Test
    void repositoryNamesMatchTheCloneUrlTheWebUrlAndOwnerName() {
        String url = "https://github.com/Shop/specs.git";
        assertTrue(AgentScheduler.matches(url, "https://github.com/shop/specs"));
        assertTrue(AgentScheduler.matches(url, "git@github.com:shop/specs.git"));
        assertTrue(AgentScheduler.matches(url, "shop/specs"));
        assertTrue(AgentScheduler.matches(url, "https://github.com/Shop/specs.git"));
        assertFalse(AgentScheduler.matches(url, "shop/other"));
        assertFalse(AgentScheduler.matches(url, "https://gitlab.com/shop/specs"));
        assertFalse(AgentScheduler.matches(url, "pecs"));
        assertFalse(AgentScheduler.matches(url, ""));
    }
}
