package io.turnout.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.reconcile.ReconcileFixtures;
import io.turnout.reconcile.Reconcilers;
import io.turnout.status.CommitOutcome.Outcome;
import io.turnout.status.EnvironmentStatus;
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
    void theScheduleFollowsTheEnvironmentsAtTheHead() throws Exception {
        try (ReconcileFixtures.Fixture fx = ReconcileFixtures.exampleRepository(dir)) {
            Reconcilers reconcilers = fx.reconcilers(dir.resolve("data"), Set.of());
            try (AgentScheduler scheduler = new AgentScheduler(reconcilers, SchedulerSettings.inMemory())) {
                scheduler.quartz().standby(); // jobs are scheduled, none runs: this test looks at the schedule only
                scheduler.refresh("shop");
                assertEquals(60_000L, interval(scheduler, "production"));

                // an environment is added, then removed; production polls every 30s
                String staging = java.nio.file.Files.readString(ReconcileFixtures.EXAMPLE.resolve("environments/staging.yaml"));
                fx.repo().write("environments/qa.yaml", staging.replace("name: staging", "name: qa"), "add qa");
                scheduler.refresh("shop");
                assertEquals(Set.of("production", "qa", "staging"), jobs(scheduler));
                assertEquals(List.of("production", "qa", "staging"), reconcilers.board().environments().stream().map(EnvironmentStatus::name).toList());
                fx.repo().write("environments/qa.yaml", null, "drop qa");
                fx.repo().change("environments/production.yaml", "interval: 1m", "interval: 30s", "poll production every 30s");
                scheduler.refresh("shop");
                assertEquals(Set.of("production", "staging"), jobs(scheduler));
                assertEquals(30_000L, interval(scheduler, "production"));
                assertEquals(List.of("production", "staging"), reconcilers.board().environments().stream().map(EnvironmentStatus::name).toList());
                assertFalse(scheduler.syncEnvironment("qa"));

                // an invalid head keeps the schedule as it was
                fx.repo().change("environments/production.yaml", "cluster:", "clustr:", "typo");
                scheduler.refresh("shop");
                assertEquals(30_000L, interval(scheduler, "production"));
            } finally {
                reconcilers.close();
            }
        }
    }

    private static Set<String> jobs(AgentScheduler scheduler) throws Exception {
        return scheduler.quartz().getJobKeys(org.quartz.impl.matchers.GroupMatcher.jobGroupEquals("shop")).stream()
                .map(JobKey::getName).collect(java.util.stream.Collectors.toSet());
    }

    private static long interval(AgentScheduler scheduler, String environment) throws Exception {
        return ((org.quartz.SimpleTrigger) scheduler.quartz().getTrigger(org.quartz.TriggerKey.triggerKey(environment, "shop"))).getRepeatInterval();
    }
}
