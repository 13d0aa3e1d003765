package io.turnout.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.turnout.events.DeploymentEvent;
import io.turnout.events.DeploymentEvent.StepFinished;
import io.turnout.events.DeploymentEvents;
import io.turnout.plan.SwapTraffic;
import io.turnout.plan.Verify;
import io.turnout.reconcile.ReconcileFixtures;
import io.turnout.schedule.AgentScheduler;
import io.turnout.state.sql.SqlStateStore;
import io.turnout.status.AgentStatus;
import io.turnout.status.CommitOutcome;
import io.turnout.status.CommitOutcome.Outcome;
import io.turnout.status.EnvironmentStatus;
import io.turnout.status.ServiceStatus;
import io.turnout.testing.TestPostgres;
import io.turnout.time.VirtualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two agent replicas — two whole applications (configuration, state store, clustered scheduler,
 * HTTP API) — on one PostgreSQL and one simulated cloud. The replica that deploys a commit is
 * killed between two steps, before the swap or after it; the other one finishes the deployment from
 * the shared journal within {@code cluster-checkin-interval} + 15 s, the commit is applied once,
 * and when the dead replica comes back it does not resume the deployment a second time; both
 * replicas' {@code GET /api/environments/production} agree.
 *
 * <p>The kill is in-process, not a child JVM's SIGKILL, because both replicas must share one
 * simulated cloud, which lives in this JVM's memory (CI has no AWS to share). It is as abrupt as
 * SIGKILL for everything the others can see: the victim's deploying thread stops for good between
 * two journaled steps (it never runs another line of Turnout: when the test ends it is released
 * with an {@link Error} that nothing catches), its Quartz scheduler stops without waiting (no more
 * check-ins, so the cluster declares it dead exactly as after SIGKILL), and its connection pool is
 * closed (so it never writes, renews its lease or releases it again: the lease runs out, as a dead
 * process's does). Its HTTP server stays up, unused, until the end.
 */
class ReplicaFailoverTest {
    static final Duration CHECKIN = Duration.ofSeconds(1);
    static final String WEB_1_28 = "public.ecr.aws/nginx/nginx:1.28";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** One replica: its application context and HTTP server. */
    record Replica(String name, ApplicationContext context, EmbeddedServer server) {
        AgentStatus status() {
            return context.getBean(AgentStatus.class);
        }

        AgentScheduler scheduler() {
            return context.getBean(AgentScheduler.class);
        }

        SqlStateStore store() {
            return context.getBean(SqlStateStore.class);
        }

        DeploymentEvents events() {
            return context.getBean(DeploymentEvents.class);
        }
    }

    /** A "process death" between two steps: the deploying thread of whichever replica gets there first stops here for good. */
    static final class Kill extends Error {
        Kill() {
            super("killed", null, false, false);
        }
    }

    static final class KillPoint {
        final Predicate<StepFinished> where;
        final AtomicReference<String> victim = new AtomicReference<>();
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch end = new CountDownLatch(1);
        volatile boolean armed;

        KillPoint(Predicate<StepFinished> where) {
            this.where = where;
        }

        /** @param clock the simulated cloud's clock, shared by the replicas: a dead thread must not hold it still for the others */
        void watch(Replica replica, VirtualClock clock) {
            replica.events().subscribe(event -> {
                if (armed && event instanceof StepFinished step && where.test(step) && victim.compareAndSet(null, replica.name())) {
                    // the victim's service track is a thread of the shared virtual clock; dead, it no longer counts
                    clock.abandon();
                    reached.countDown();
                    while (true) {
                        try {
                            if (end.await(10, TimeUnit.MINUTES)) break;
                        } catch (InterruptedException e) {
                            // a dead process does not wake up: keep waiting for the end of the test
                        }
                    }
                    throw new Kill();
                }
            });
        }
    }

    private Replica start(String name, ReconcileFixtures.Fixture fx, String database) {
        return start(name, name, fx, database);
    }

    private Replica start(String name, String dataDir, ReconcileFixtures.Fixture fx, String database) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("turnout.agent.repositories.shop.url", fx.url());
        properties.put("turnout.agent.repositories.shop.path", "specs");
        properties.put("turnout.agent.cloud", "sim");
        properties.put("turnout.agent.data-dir", dir.resolve(dataDir).toString());
        properties.put("turnout.agent.environments", "production");
        properties.put("turnout.agent.threads", 2);
        properties.put("turnout.agent.datasource.url", database);
        properties.put("turnout.agent.datasource.username", "postgres");
        properties.put("turnout.agent.datasource.cluster-checkin-interval", CHECKIN.toMillis() + "ms");
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("micronaut.server.port", -1);
        // the replicas share the one simulated cloud of this JVM (the application opens none of its own then)
        ApplicationContext context = ApplicationContext.builder().properties(properties).singletons(fx.cloud())
                .deduceEnvironment(false).start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class);
        server.start();
        return new Replica(name, context, server);
    }

    private String api(Replica replica, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.server().getPort() + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
        return response.body();
    }

    static void await(Duration limit, Supplier<Boolean> condition, Supplier<String> what) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.get()) {
            assertTrue(System.nanoTime() < end, () -> "timed out after " + limit + ": " + what.get());
            Thread.sleep(50);
        }
    }

    private static List<CommitOutcome> history(Replica replica) {
        return replica.store().recentOutcomes("production", 1000);
    }

    private static long applied(Replica replica, String commit) {
        return history(replica).stream().filter(o -> o.commit().equals(commit) && o.outcome() == Outcome.APPLIED).count();
    }

    private static ServiceStatus web(Replica replica) {
        return replica.status().environment("production").orElseThrow().services().stream().filter(s -> s.name().equals("web"))
                .findFirst().orElseThrow();
    }

    @Test
    void killedBeforeTheSwapTheOtherReplicaFinishesTheDeployment() throws Exception {
        failover(new KillPoint(step -> step.step() instanceof Verify v && v.service().equals("web")));
    }

    @Test
    void killedAfterTheSwapTheOtherReplicaFinishesTheDeployment() throws Exception {
        failover(new KillPoint(step -> step.step() instanceof SwapTraffic s && s.service().equals("web")));
    }

    private void failover(KillPoint kill) throws Exception {
        List<Replica> replicas = new ArrayList<>();
        try (ReconcileFixtures.Fixture fx = ReconcileFixtures.exampleRepository(dir)) {
            String database = TestPostgres.freshDatabase();
            Replica one = start("one", fx, database);
            Replica two = start("two", fx, database);
            replicas.add(one);
            replicas.add(two);
            VirtualClock clock = (VirtualClock) fx.cloud().clock();
            kill.watch(one, clock);
            kill.watch(two, clock);
            // the first deployment (the bootstrap of every service), by whichever replica Quartz picks
            await(Duration.ofSeconds(90), () -> one.status().environment("production").flatMap(EnvironmentStatus::lastOutcome)
                    .map(o -> o.outcome() == Outcome.APPLIED).orElse(false), () -> one.status().environments().toString());
            long bootstrapped = fx.registrations("222222222222");

            // a new image for web; the replica that deploys it dies at the kill point
            kill.armed = true;
            String commit = fx.repo().change("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28", "web: nginx 1.28");
            AtomicLong recovered = new AtomicLong();
            for (Replica r : replicas) {
                r.events().subscribe(event -> {
                    if (event instanceof DeploymentEvent.RecoveryFinished f && f.result().isPresent()) recovered.compareAndSet(0, System.nanoTime());
                });
            }
            one.scheduler().syncEnvironment("production");
            assertTrue(kill.reached.await(90, TimeUnit.SECONDS), "a replica reaches the kill point");
            Replica victim = kill.victim.get().equals("one") ? one : two;
            Replica survivor = victim == one ? two : one;
            long killedAt = System.nanoTime();
            victim.scheduler().shutdown(false);
            victim.store().database().close();

            // the survivor finishes (or rolls back) from the shared journal, within cluster-checkin-interval + 15 s
            Duration deadline = CHECKIN.plusSeconds(15);
            await(deadline.plusSeconds(30), () -> applied(survivor, commit) > 0, () -> history(survivor).toString());
            assertTrue(recovered.get() != 0, "the survivor recovered the journal");
            Duration took = Duration.ofNanos(recovered.get() - killedAt);
            assertTrue(took.compareTo(deadline) <= 0, "recovered " + took + " after the kill, allowed " + deadline);
            assertEquals(1, applied(survivor, commit), history(survivor)::toString);
            assertEquals(bootstrapped + 1, fx.registrations("222222222222"), "resumed from the journal, not started over");
            assertEquals(commit, fx.repo().remoteLiveTag("production"));
            // invariant 1: production points at the new slot, which reached steady state and passed verification
            ServiceStatus web = web(survivor);
            assertEquals(WEB_1_28, web.blueImage().orElseThrow(), web::toString);
            assertEquals(commit, web.blueCommit().orElseThrow());
            assertTrue(web.runningCount() > 0, web::toString);
            assertEquals(List.of(), survivor.store().journal("production").entries(), "the finished journal is compacted");

            // the dead replica comes back (a new process on its data directory, the same database) and is the only one
            // left to poll: it does not resume the deployment a second time
            survivor.scheduler().shutdown(true);
            String lastPoll = survivor.status().environment("production").orElseThrow().lastPoll().orElseThrow().toString();
            Replica back = start(victim.name() + " again", victim.name(), fx, database);
            replicas.add(back);
            assertTrue(back.scheduler().syncEnvironment("production"));
            await(Duration.ofSeconds(60), () -> back.status().environment("production").flatMap(EnvironmentStatus::lastPoll)
                    .map(p -> !p.toString().equals(lastPoll)).orElse(false), () -> "the returned replica polls production");
            assertEquals(1, applied(back, commit));
            assertEquals(bootstrapped + 1, fx.registrations("222222222222"), "nothing registered again");
            back.scheduler().shutdown(true);

            // every replica's API shows the same
            assertEquals(api(survivor, "/api/environments/production"), api(back, "/api/environments/production"));
            assertEquals(api(survivor, "/api/environments"), api(back, "/api/environments"));
        } finally {
            kill.end.countDown();
            for (Replica r : replicas) {
                r.scheduler().shutdown(false);
                r.context().close();
            }
        }
    }
}
