package io.turnout.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.reconcile.ReconcileFixtures;
import io.turnout.reconcile.Reconcilers;
import io.turnout.status.CommitOutcome.Outcome;
import io.turnout.status.CommitOutcome;
import io.turnout.state.sql.SqlStateStore;
import io.turnout.state.sql.StateStoreSettings;
import io.turnout.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two agent replicas (two Quartz schedulers, two reconcilers, two data directories) on one
 * embedded PostgreSQL and one simulated cloud: every commit is applied exactly once, and when one
 * replica dies mid-poll the other takes over.
 */
class ClusteredAgentsTest {
    @TempDir
    Path dir;

    /** One replica and what it reconciled. */
    record Replica(String name, Reconcilers reconcilers, AgentScheduler scheduler, LinkedBlockingQueue<String> done,
                   java.util.concurrent.atomic.AtomicInteger inFlight) {
        List<CommitOutcome> outcomes() {
            return reconcilers.board().environment("production").map(s -> s.recent()).orElse(List.of());
        }
    }

    private Replica replica(ReconcileFixtures.Fixture fx, String name, String database, AtomicBoolean killNext,
                            java.util.concurrent.atomic.AtomicReference<String> killed, CountDownLatch release) throws Exception {
        SqlStateStore store = StateStoreSettings.embedded(dir.resolve(name)).withDatabase(Optional.of(database), "postgres", null)
                .open("replica " + name);
        Reconcilers reconcilers = fx.reconcilers(fx.url(), dir.resolve(name), Set.of("production"), store);
        AgentScheduler scheduler = new AgentScheduler(reconcilers, SchedulerSettings.inMemory().clusteredOn(store.database(), Duration.ofMillis(500)));
        LinkedBlockingQueue<String> done = new LinkedBlockingQueue<>();
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        scheduler.hooks(env -> {
            if (killNext.compareAndSet(true, false)) killed.set(name);
            if (name.equals(killed.get())) {
                // this replica "died" here, mid-poll (before taking the environment lock): none of its
                // threads gets any further until the test ends
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("replica " + name + " was killed");
            }
            inFlight.incrementAndGet();
        }, env -> {
            inFlight.decrementAndGet();
            done.add(env);
        });
        return new Replica(name, reconcilers, scheduler, done, inFlight);
    }

    static void await(Duration limit, Supplier<Boolean> condition, Supplier<String> what) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.get()) {
            assertTrue(System.nanoTime() < end, () -> "timed out after " + limit + ": " + what.get());
            Thread.sleep(50);
        }
    }

    /** How often {@code commit} was applied, in the history the replicas share. */
    private static long applied(List<Replica> replicas, String commit) {
        return replicas.getFirst().outcomes().stream().filter(o -> o.commit().equals(commit) && o.outcome() == Outcome.APPLIED).count();
    }

    private static String live(ReconcileFixtures.Fixture fx) {
        try {
            return fx.repo().remoteLiveTag("production");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyCommitIsAppliedOnceAndASurvivorTakesOverFromADeadReplica() throws Exception {
        try (ReconcileFixtures.Fixture fx = ReconcileFixtures.exampleRepository(dir)) {
            // poll every second, so that the replicas compete for every poll
            fx.repo().change("environments/production.yaml", "interval: 1m", "interval: 1s", "poll production every second");
            String head = fx.repo().change("environments/production.yaml", "jitter: 10s", "jitter: 0s", "no jitter");
            String database = TestPostgres.freshDatabase();
            AtomicBoolean killNext = new AtomicBoolean(false);
            java.util.concurrent.atomic.AtomicReference<String> killed = new java.util.concurrent.atomic.AtomicReference<>();
            CountDownLatch release = new CountDownLatch(1);
            Replica one = replica(fx, "one", database, killNext, killed, release);
            Replica two = replica(fx, "two", database, killNext, killed, release);
            List<Replica> replicas = List.of(one, two);
            try {
                one.scheduler().start();
                two.scheduler().start();
                await(Duration.ofSeconds(60), () -> applied(replicas, head) > 0, () -> "first deployment");

                List<String> commits = new ArrayList<>(List.of(head));
                for (String version : List.of("1.28", "1.29", "1.30")) {
                    String previous = commits.getLast().equals(head) ? "1.27" : commits.size() == 2 ? "1.28" : "1.29";
                    String c = fx.repo().change("services/web/web.taskdef.json", "nginx:" + previous, "nginx:" + version, "web: nginx " + version);
                    commits.add(c);
                    // both replicas are asked to poll now (a webhook reaches whichever replica the load balancer picks):
                    // two triggers of one job, which the cluster runs one after the other, never at once
                    one.scheduler().syncEnvironment("production");
                    two.scheduler().syncEnvironment("production");
                    await(Duration.ofSeconds(60), () -> applied(replicas, c) > 0, () -> "deployment of " + version);
                }
                // each commit was applied by exactly one replica (Quartz may well give most polls to one of them),
                // and both replicas show the same history (one store)
                for (String c : commits) {
                    assertEquals(1, applied(replicas, c), "applications of " + c);
                }
                assertEquals(one.outcomes(), two.outcomes());
                // 6 services bootstrapped (6 registrations), then one new web revision per commit
                assertEquals(6 + 3, fx.registrations("222222222222"));

                // failover: the next replica to poll dies mid-poll; the other one applies the next commit
                killNext.set(true);
                await(Duration.ofSeconds(60), () -> killed.get() != null, () -> "a replica starts a poll");
                Replica victim = killed.get().equals("one") ? one : two;
                victim.scheduler().shutdown(false);
                // a reconcile the victim had started before it died may still finish; the next commit comes after
                await(Duration.ofSeconds(60), () -> victim.inFlight().get() == 0, () -> "the victim's last reconcile ends");
                String c5 = fx.repo().change("services/web/web.taskdef.json", "nginx:1.30", "nginx:1.31", "web: nginx 1.31");
                await(Duration.ofSeconds(60), () -> applied(replicas, c5) > 0, () -> "the survivor deploys after the failover");
                assertEquals(c5, live(fx));
                assertEquals(1, applied(replicas, c5));
                assertEquals(6 + 4, fx.registrations("222222222222"));
            } finally {
                release.countDown();
                for (Replica r : replicas) {
                    r.scheduler().shutdown(true);
                    r.reconcilers().close();
                }
            }
        }
    }
}
