package io.turnout.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.plan.Plan;
import io.turnout.plan.PlanKind;
import io.turnout.plan.Step;
import io.turnout.plan.Verify;
import io.turnout.state.FileJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every step of a blue/green deployment (ELB listener: web, ELB rule: api, DNS: catalog),
 * a fault is injected as that step starts — a throttling storm (waited out), a storm of 5xx, failing health
 * checks on the new slot, tasks that never start (steady-state timeout) — or the process is
 * "killed" right after the step ended (an Error thrown from the progress hook) and a new
 * executor recovers from the journal. Afterwards, with the faults cleared, DESIGN.md's
 * invariants hold and one more apply brings the environment in sync.
 */
class FaultMatrixTest {
    enum Fault { THROTTLING_STORM, SERVER_ERRORS, FAILED_HEALTH, STEADY_STATE_TIMEOUT, KILL }

    record Target(String service, String file, String from, String to, String greenTargetGroup) {}

    /** greenTargetGroup: the idle slot's group after the bootstrap, which put production on slot b (prod pointed at a's). */
    static final List<Target> TARGETS = List.of(
            new Target("web", "services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28", "web-a"),
            new Target("api", "services/api/api.taskdef.yaml", "python:3.13-slim", "python:3.14-slim", "api-a"),
            new Target("catalog", "services/catalog/catalog.taskdef.json", "httpd:2.4", "httpd:2.5", null));

    static Path bootstrappedSpecs;
    static String bootstrappedWorld;
    static final java.util.Map<String, Integer> STEP_COUNTS = new java.util.HashMap<>();

    /** Killed process: an Error, which the executor does not catch (it is not a step failure). */
    static final class Kill extends Error {
        Kill() {
            super("simulated process kill", null, false, false);
        }
    }

    /**
     * One first deployment shared by every case (it is the slow part): the specs and the saved
     * world are copied per case. Runs when JUnit asks for the cases, before any @TempDir exists.
     */
    static synchronized void bootstrapOnce() throws java.io.IOException {
        if (bootstrappedWorld != null) return;
        Path shared = Files.createTempDirectory("turnout-fault-matrix");
        shared.toFile().deleteOnExit();
        SimWorld world = new SimWorld(shared, "production");
        assertTrue(world.apply("c1").succeeded());
        bootstrappedSpecs = world.specs;
        bootstrappedWorld = world.save();
        for (Target t : TARGETS) {
            SimWorld w = fresh(shared.resolve("count-" + t.service()), t);
            STEP_COUNTS.put(t.service(), w.plan("c2").stepCount());
        }
    }

    static SimWorld fresh(Path dir, Target target) {
        Path specs = SimWorld.copy(bootstrappedSpecs, dir);
        SimWorld world = new SimWorld(specs, bootstrappedWorld, "production");
        world.replaceIn(target.file(), target.from(), target.to());
        return world;
    }

    static Stream<Arguments> cases() throws java.io.IOException {
        bootstrapOnce();
        List<Arguments> cases = new ArrayList<>();
        for (Target t : TARGETS) {
            for (int k = 0; k < STEP_COUNTS.get(t.service()); k++) {
                for (Fault f : Fault.values()) {
                    if (f == Fault.FAILED_HEALTH && t.greenTargetGroup() == null) continue; // DNS: no target group
                    cases.add(Arguments.of(t.service(), k, f));
                }
            }
        }
        return cases.stream();
    }

    @TempDir
    Path tmp;

    static int indexOf(Plan plan, String service, Class<? extends Step> type) {
        List<Step> steps = plan.services().stream().filter(s -> s.service().equals(service)).findFirst().orElseThrow().steps();
        for (int i = 0; i < steps.size(); i++) if (type.isInstance(steps.get(i))) return i;
        throw new AssertionError("no " + type.getSimpleName() + " in the plan of " + service);
    }

    @ParameterizedTest(name = "{0}: {2} at step {1}")
    @MethodSource("cases")
    void invariantsHoldAfterAFaultAtEveryStep(String service, int k, Fault fault) throws Exception {
        Target target = TARGETS.stream().filter(t -> t.service().equals(service)).findFirst().orElseThrow();
        SimWorld world = fresh(tmp.resolve("specs"), target);
        Plan plan = world.plan("c2");
        assertEquals(PlanKind.BLUE_GREEN, SimDeploymentTest.kind(plan, service));
        Step step = plan.services().stream().filter(s -> s.service().equals(service)).findFirst().orElseThrow()
                .steps().get(k);
        FileJournal journal = new FileJournal(tmp.resolve("data"), "production");
        String green = plan.services().stream().filter(s -> s.service().equals(service)).findFirst().orElseThrow()
                .steps().stream().filter(s -> s instanceof Verify).map(s -> ((Verify) s).ecsServiceName())
                .findFirst().orElseThrow();

        Progress inject = new Progress() {
            @Override
            public void line(String message) {}

            @Override
            public void stepStarted(int index, Step s) {
                if (index != k) return;
                switch (fault) {
                    case THROTTLING_STORM -> world.cloud.faults().throttle(null, 8);
                    case SERVER_ERRORS -> world.cloud.faults().serverError(null, 8);
                    case FAILED_HEALTH -> world.cloud.faults().failHealthChecks(target.greenTargetGroup());
                    case STEADY_STATE_TIMEOUT -> world.cloud.faults().failTaskStarts(green);
                    case KILL -> { }
                }
            }

            @Override
            public void stepFinished(int index, Step s) {
                if (fault == Fault.KILL && index == k) throw new Kill();
            }
        };
        PlanExecutor executor = world.executor(inject).journal(journal).build();
        ApplyResult result;
        if (fault == Fault.KILL) {
            assertThrows(Kill.class, () -> executor.apply(plan, world.live()));
            assertTrue(Files.exists(journal.file()));
            PlanExecutor restarted = world.executor(Progress.silent()).journal(new FileJournal(tmp.resolve("data"),
                    "production")).build();
            assertTrue(restarted.hasUnfinishedDeployment());
            result = restarted.recover().orElseThrow();
            assertTrue(result.succeeded(), () -> step.describe() + " → " + result + "\n" + String.join("\n", world.lines));
        } else {
            result = executor.apply(plan, world.live());
        }
        assertTrue(result.status() != ApplyResult.Status.FAILED && result.status() != ApplyResult.Status.REFUSED,
                () -> step.describe() + " → " + result + "\n" + String.join("\n", world.lines));
        int await = indexOf(plan, service, io.turnout.plan.AwaitSteadyState.class);
        ApplyResult.Status expected = switch (fault) {
            // throttling is AWS asking to slow down: it is waited out and never fails a deployment (issue 14)
            case THROTTLING_STORM -> ApplyResult.Status.SUCCEEDED;
            // every step calls AWS: 8 server errors in a row exhaust its 8 attempts
            case SERVER_ERRORS -> ApplyResult.Status.ROLLED_BACK;
            // the new slot never turns healthy, or turns unhealthy before the old one is given up (Downsize re-checks)
            case FAILED_HEALTH -> ApplyResult.Status.ROLLED_BACK;
            // tasks failing to start matter only until the slot is steady
            case STEADY_STATE_TIMEOUT -> k <= await ? ApplyResult.Status.ROLLED_BACK : ApplyResult.Status.SUCCEEDED;
            case KILL -> ApplyResult.Status.SUCCEEDED;
        };
        assertEquals(expected, result.status(), () -> step.describe() + " → " + result);
        world.cloud.faults().clear();
        Invariants.check(world);
        assertTrue(!world.executor(Progress.silent()).journal(journal).build().hasUnfinishedDeployment());

        ApplyResult again = world.executor(Progress.silent()).journal(journal).build().apply(world.plan("c2"), world.live());
        assertTrue(again.succeeded(), () -> "after " + result + ": " + again + "\n" + String.join("\n", world.lines));
        SimDeploymentTest.assertInSync(world);
        Invariants.check(world);
    }
}
