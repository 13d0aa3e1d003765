package io.turnout.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.bench.SyntheticEstate;
import io.turnout.cloud.sim.SimulatedHttpProbe;
import io.turnout.live.BatchedLiveStateReader;
import io.turnout.live.LiveService;
import io.turnout.live.LiveState;
import io.turnout.plan.Plan;
import io.turnout.plan.Planner;
import io.turnout.plan.ServicePlan;
import io.turnout.plan.SlotTags;
import io.turnout.plan.Step;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.ServiceSpec;
import io.turnout.spec.Slot;
import io.turnout.spec.SpecTree;
import io.turnout.state.MemoryJournal;
import io.turnout.status.ServiceOutcome;
import io.turnout.status.ServiceOutcome.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Services of one plan deploy side by side, each on its own track (invariant 7): a failing service
 * among a hundred is rolled back alone while the other ninety-nine deploy; {@code dependsOn} orders
 * services and a failed dependency skips its dependants; {@code maxParallel} caps the tracks running
 * at once; an interrupted deployment resumes service by service and leaves finished services alone.
 * On the synthetic estate of the benchmarks, on the simulated cloud's virtual clock.
 */
class ParallelDeploymentTest {
    /** One deployment of a changed estate: the tree, its plan, the journal and what the executor said. */
    static final class Deployment {
        final SyntheticEstate estate;
        final SpecTree tree;
        final EnvironmentSpec environment;
        final MemoryJournal journal = new MemoryJournal();
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        Deployment(SyntheticEstate estate, SpecTree tree) {
            this.estate = estate;
            this.tree = tree;
            this.environment = tree.environments().getFirst();
        }

        LiveState live() {
            return new BatchedLiveStateReader(estate.gateway(), SlotTags::runsDesired).read(environment, tree);
        }

        Plan plan() {
            return new Planner().plan(environment, tree.servicesIn(environment), live(), Optional.of("c2"));
        }

        PlanExecutor executor(Progress hooks) {
            Progress progress = new Progress() {
                @Override
                public void line(String message) {
                    lines.add(message);
                }

                @Override
                public void stepStarted(int index, String service, Step step) {
                    hooks.stepStarted(index, service, step);
                }

                @Override
                public void stepFinished(int index, String service, Step step) {
                    hooks.stepFinished(index, service, step);
                }

                @Override
                public void serviceFinished(ServiceOutcome outcome) {
                    hooks.serviceFinished(outcome);
                }
            };
            return PlanExecutor.builder(estate.gateway(), environment).journal(journal).progress(progress)
                    .time(estate.clock(), estate.clock().sleeper()).httpProbe(new SimulatedHttpProbe(estate.cloud()))
                    .random(RandomGenerator.of("L64X128MixRandom")).build();
        }

        ApplyResult apply(Progress hooks) {
            return executor(hooks).apply(plan(), live());
        }

        /** Services that still have steps to do. */
        List<String> unfinished() {
            return plan().services().stream().filter(s -> !s.steps().isEmpty()).map(ServicePlan::service).toList();
        }

        long entries(String type, String service) {
            return journal.entries().stream().filter(e -> e.path("type").asString().equals(type)
                    && e.path("service").asString().equals(service)).count();
        }
    }

    /** {@code tree} with {@code dependsOn} set for some services. */
    static SpecTree withDependsOn(SpecTree tree, Map<String, List<String>> dependsOn) {
        List<ServiceSpec> services = tree.services().stream().map(s -> new ServiceSpec(s.name(), s.source(), s.environments(),
                s.taskDefinition(), s.service(), s.strategy(), s.overrides(), dependsOn.getOrDefault(s.name(), List.of()))).toList();
        return new SpecTree(tree.environments(), services);
    }

    @Test
    void aFailingServiceAmongAHundredIsRolledBackAloneWhileTheOtherNinetyNineDeploy() {
        SyntheticEstate estate = SyntheticEstate.of(100);
        Deployment d = new Deployment(estate, estate.withNewImage(100, 100));
        assertEquals(100, d.unfinished().size());
        String failing = "s00042";
        LiveService before = d.live().service(failing).orElseThrow();
        estate.cloud().faults().failTaskStarts(failing + "--b");
        Instant start = estate.clock().instant();

        ApplyResult result = d.apply(Progress.silent());

        Duration took = Duration.between(start, estate.clock().instant());
        assertEquals(ApplyResult.Status.ROLLED_BACK, result.status(), result.messages().toString());
        assertEquals(List.of(failing), result.services(Result.ROLLED_BACK));
        assertEquals(99, result.services(Result.APPLIED).size(), result.toString());
        assertTrue(result.messages().getFirst().startsWith(failing + ": step 3/8 (Wait for s00042--b to reach steady state"),
                result.messages().getFirst());
        // the ninety-nine are deployed and in sync; only the failed one still has its deployment to do
        estate.cloud().faults().clear();
        assertEquals(List.of(failing), d.unfinished());
        // the failed one is exactly as it was: production on its old slot, the new slot back to its old definition and 0 tasks
        LiveService after = d.live().service(failing).orElseThrow();
        assertEquals(Optional.of(Slot.A), after.blue());
        assertEquals(before.a().orElseThrow().service().taskDefinitionArn(), after.a().orElseThrow().service().taskDefinitionArn());
        assertEquals(before.a().orElseThrow().service().desiredCount(), after.a().orElseThrow().service().desiredCount());
        assertEquals(before.b().orElseThrow().service().taskDefinitionArn(), after.b().orElseThrow().service().taskDefinitionArn());
        assertEquals(0, after.b().orElseThrow().service().desiredCount());
        // nothing else was rolled back or stopped: one rollback in the whole journal, every other track applied
        assertEquals(1, d.journal.entries().stream().filter(e -> e.path("type").asString().equals("rollback-start")).count());
        assertEquals(1, d.entries("rollback-start", failing));
        assertEquals(100, d.journal.entries().stream().filter(e -> e.path("type").asString().equals("service-end")).count());
        // side by side: a hundred deployments of minutes each (the failed one waits out its 10m timeout) took well under an hour
        assertTrue(took.compareTo(Duration.ofMinutes(30)) < 0, "took " + took);
    }

    @Test
    void dependsOnOrdersServicesAndAFailedDependencySkipsItsDependants() {
        SyntheticEstate estate = SyntheticEstate.of(5);
        // s00001 after s00000, s00002 after s00001; s00003 and s00004 on their own
        SpecTree tree = withDependsOn(estate.withNewImage(5, 5),
                Map.of("s00001", List.of("s00000"), "s00002", List.of("s00001")));
        Deployment d = new Deployment(estate, tree);
        estate.cloud().faults().failTaskStarts("s00000--b");
        List<String> order = Collections.synchronizedList(new ArrayList<>());

        ApplyResult result = d.apply(new Progress() {
            @Override
            public void line(String message) {
            }

            @Override
            public void stepStarted(int index, String service, Step step) {
                order.add("start " + service);
            }
        });

        assertEquals(List.of("s00000"), result.services(Result.ROLLED_BACK));
        assertEquals(List.of("s00001", "s00002"), result.services(Result.SKIPPED));
        assertEquals(List.of("s00003", "s00004"), result.services(Result.APPLIED));
        ServiceOutcome skipped = result.services().stream().filter(s -> s.service().equals("s00002")).findFirst().orElseThrow();
        assertEquals("not started: it depends on s00001 (skipped)", skipped.detail());
        assertTrue(order.stream().noneMatch(o -> o.equals("start s00001") || o.equals("start s00002")), order.toString());
        assertTrue(d.lines.contains("s00001: Skipped: not started: it depends on s00000 (rolled back)"), String.join("\n", d.lines));
        assertEquals(0, d.entries("step-start", "s00001"));
    }

    @Test
    void aDependantStartsOnlyOnceItsDependencyIsDeployedAndVerified() {
        SyntheticEstate estate = SyntheticEstate.of(3);
        SpecTree tree = withDependsOn(estate.withNewImage(3, 3), Map.of("s00002", List.of("s00000", "s00001")));
        Deployment d = new Deployment(estate, tree);
        List<String> events = Collections.synchronizedList(new ArrayList<>());

        ApplyResult result = d.apply(new Progress() {
            @Override
            public void line(String message) {
            }

            @Override
            public void stepStarted(int index, String service, Step step) {
                events.add("start " + service);
            }

            @Override
            public void serviceFinished(ServiceOutcome outcome) {
                events.add("end " + outcome.service());
            }
        });

        assertTrue(result.succeeded(), result.toString());
        int firstOfDependant = events.indexOf("start s00002");
        assertTrue(firstOfDependant > events.indexOf("end s00000") && firstOfDependant > events.indexOf("end s00001"), events.toString());
        // the two independent ones ran side by side: the second started before the first ended
        assertTrue(events.indexOf("start s00001") < events.indexOf("end s00000"), events.toString());
    }

    @Test
    void noMoreThanMaxParallelServicesRunAtOnce() {
        SyntheticEstate estate = SyntheticEstate.of(10);
        Deployment d = new Deployment(estate, estate.withNewImage(10, 3));
        Set<String> running = new HashSet<>();
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());

        ApplyResult result = d.apply(new Progress() {
            @Override
            public void line(String message) {
            }

            @Override
            public void stepStarted(int index, String service, Step step) {
                running.add(service);
                sizes.add(running.size());
            }

            @Override
            public void serviceFinished(ServiceOutcome outcome) {
                running.remove(outcome.service());
            }
        });

        assertTrue(result.succeeded(), result.toString());
        assertEquals(3, sizes.stream().mapToInt(Integer::intValue).max().orElseThrow(), sizes.toString());
        assertEquals(List.of(), d.unfinished());
    }

    /** The process "dies" (an Error from a progress hook) after s00001's second step; s00000 had finished before it started. */
    @Test
    void recoveryResumesEachUnfinishedServiceFromItsOwnTrackAndLeavesFinishedOnesAlone() {
        SyntheticEstate estate = SyntheticEstate.of(3);
        // two changed services, s00001 after s00000 (so s00000 has finished when s00001 is killed); s00002 unchanged
        SpecTree tree = withDependsOn(estate.withNewImage(2, 3), Map.of("s00001", List.of("s00000")));
        Deployment d = new Deployment(estate, tree);
        Plan plan = d.plan();
        int kill = plan.services().stream().filter(s -> s.service().equals("s00001")).findFirst().orElseThrow().steps().size();
        final class Kill extends Error {
            Kill() {
                super("simulated process kill", null, false, false);
            }
        }
        List<Integer> s00001Steps = new ArrayList<>();

        assertThrows(Kill.class, () -> d.executor(new Progress() {
            @Override
            public void line(String message) {
            }

            @Override
            public void stepFinished(int index, String service, Step step) {
                if (!service.equals("s00001")) return;
                s00001Steps.add(index);
                if (s00001Steps.size() == 2) throw new Kill();
            }
        }).apply(plan, d.live()));
        assertTrue(kill > 2);
        assertEquals(1, d.entries("service-end", "s00000"), "s00000 had finished before the kill");
        assertEquals(0, d.entries("service-end", "s00001"));
        int entriesBefore = d.journal.entries().size();

        PlanExecutor restarted = d.executor(Progress.silent());
        assertTrue(restarted.hasUnfinishedDeployment());
        ApplyResult recovered = restarted.recover().orElseThrow();

        assertTrue(recovered.succeeded(), recovered + "\n" + String.join("\n", d.lines));
        assertEquals(List.of("s00000", "s00001"), recovered.services(Result.APPLIED));
        List<ObjectNode> afterRecovery = d.journal.entries().subList(entriesBefore, d.journal.entries().size());
        assertTrue(afterRecovery.stream().noneMatch(e -> e.path("service").asString().equals("s00000")),
                "s00000 is not touched again: " + afterRecovery);
        assertTrue(afterRecovery.stream().noneMatch(e -> e.path("type").asString().equals("step-start")
                        && s00001Steps.contains(e.path("index").asInt())),
                "s00001 resumes after the steps it had finished");
        assertTrue(d.lines.stream().anyMatch(l -> l.contains("1 of 2 services finished (s00000; not touched again)")),
                String.join("\n", d.lines));
        assertEquals(List.of(), d.unfinished());
    }
}
