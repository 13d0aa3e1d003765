package io.turnout.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.events.DeploymentEvent;
import io.turnout.reconcile.ReconcileFixtures;
import io.turnout.reconcile.Reconcilers;
import io.turnout.state.sql.SqlStateStore;
import io.turnout.state.sql.StateStoreSettings;
import io.turnout.status.CommitOutcome.Outcome;
import io.turnout.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why {@code @DisallowConcurrentExecution} is not enough for one deployment per environment, pinned:
 * Quartz's cluster decides that a replica is dead from its missed check-ins alone. A replica whose
 * check-ins stop while its reconcile still runs (here its scheduler is stopped without waiting; in
 * production a long pause, a stalled database connection, or clocks apart by more than the 7.5 s
 * grace) is declared dead, its BLOCKED trigger is released and a recovery trigger fires the same
 * job on another replica — the job runs twice at once. The environment lease stops the second run
 * from doing anything: it finds the lease held, publishes nothing and deploys nothing.
 */
class QuartzRunsAJobTwiceTest {
    @TempDir
    Path dir;

    record Replica(Reconcilers reconcilers, AgentScheduler scheduler, AtomicInteger runs, AtomicInteger done, AtomicInteger polls) {
    }

    private Replica replica(ReconcileFixtures.Fixture fx, String name, String database) throws Exception {
        SqlStateStore store = StateStoreSettings.embedded(dir.resolve(name)).withDatabase(Optional.of(database), "postgres", null)
                .open("replica " + name);
        Reconcilers reconcilers = fx.reconcilers(fx.url(), dir.resolve(name), Set.of("production"), store);
        AgentScheduler scheduler = new AgentScheduler(reconcilers, SchedulerSettings.inMemory().clusteredOn(store.database(), Duration.ofMillis(500)));
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger polls = new AtomicInteger();
        scheduler.hooks(env -> runs.incrementAndGet(), env -> done.incrementAndGet());
        reconcilers.events().subscribe(event -> {
            if (event instanceof DeploymentEvent.PollStarted) polls.incrementAndGet();
        });
        return new Replica(reconcilers, scheduler, runs, done, polls);
    }

    @Test
    void aReplicaDeclaredDeadWhileItsJobRunsHasItRunAgainElsewhereAndTheLeaseKeepsItToOneDeployment() throws Exception {
        try (ReconcileFixtures.Fixture fx = ReconcileFixtures.exampleRepository(dir)) {
            String database = TestPostgres.freshDatabase();
            Replica one = replica(fx, "one", database);
            Replica two = replica(fx, "two", database);
            // the first replica to start a poll of production holds it there, with the environment's lease
            AtomicReference<Replica> holder = new AtomicReference<>();
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            for (Replica r : new Replica[] {one, two}) {
                r.reconcilers().events().subscribe(event -> {
                    if (event instanceof DeploymentEvent.PollStarted && holder.compareAndSet(null, r)) {
                        holding.countDown();
                        try {
                            release.await(120, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
            }
            try {
                one.scheduler().start();
                two.scheduler().start();
                assertTrue(holding.await(60, TimeUnit.SECONDS), "a replica polls production");
                Replica running = holder.get();
                Replica other = running == one ? two : one;
                int otherRunsBefore = other.runs().get();
                int otherPollsBefore = other.polls().get();
                // its check-ins stop while its job runs on
                running.scheduler().shutdown(false);

                // Quartz declares it dead and runs the same job on the other replica, at the same time
                ClusteredAgentsTest.await(Duration.ofSeconds(60), () -> other.runs().get() > otherRunsBefore,
                        () -> "the other replica runs production's job");
                assertEquals(0, running.done().get(), "the first run is still running");
                // ... which finds the environment's lease held and does nothing: no poll, no deployment
                assertEquals(otherPollsBefore, other.polls().get(), "the second run did not poll");
                assertEquals(0, fx.registrations("222222222222"), "nothing deployed while the first run holds production");

                release.countDown();
                ClusteredAgentsTest.await(Duration.ofSeconds(60), () -> running.reconcilers().board().environment("production")
                        .flatMap(s -> s.lastOutcome()).map(o -> o.outcome() == Outcome.APPLIED).orElse(false), () -> "the first run deploys");
                assertEquals(6, fx.registrations("222222222222"), "one bootstrap of the six services, not two");
            } finally {
                release.countDown();
                for (Replica r : new Replica[] {one, two}) {
                    r.scheduler().shutdown(true);
                    r.reconcilers().close();
                }
            }
        }
    }
}
