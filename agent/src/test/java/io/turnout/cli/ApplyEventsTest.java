package io.turnout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.apply.ApplyResult;
import io.turnout.events.DeploymentEvent;
import io.turnout.events.DeploymentEvent.DeploymentFinished;
import io.turnout.events.DeploymentEvent.DeploymentStarted;
import io.turnout.events.DeploymentEvent.ServiceFinished;
import io.turnout.events.DeploymentEvent.StepFailed;
import io.turnout.events.DeploymentEvent.StepFinished;
import io.turnout.events.DeploymentEvent.StepStarted;
import io.turnout.events.DeploymentEvents;
import io.turnout.plan.ServicePlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code turnout apply} publishes the same deployment events as the agent: the deployment, and every step's start and end. */
class ApplyEventsTest {
    @TempDir
    Path tmp;

    @Test
    void anApplyPublishesTheDeploymentAndEveryStepOnce() throws IOException {
        Path specs = io.turnout.apply.SimWorldCopy.copy(CommandLineTest.EXAMPLE, tmp.resolve("specs"));
        Path world = tmp.resolve("world.yaml");
        Files.move(specs.resolve("world.yaml"), world);
        List<DeploymentEvent> seen = new CopyOnWriteArrayList<>();
        DeploymentEvents events = new DeploymentEvents().subscribe(seen::add);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = TurnoutCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), events)
                .execute("apply", "--env", "production", "--specs", specs.toString(), "--world", world.toString(),
                        "--auto-approve", "--commit", "abc123");
        assertEquals(ExitCodes.OK, exit, out + "\n" + err);

        DeploymentStarted started = assertInstanceOf(DeploymentStarted.class, seen.getFirst());
        assertEquals("production", started.environment());
        assertEquals(Optional.of("abc123"), started.commit());
        int steps = started.plan().stepCount();
        assertTrue(steps > 10, "a bootstrap of every service: " + steps);
        List<StepStarted> starts = seen.stream().filter(StepStarted.class::isInstance).map(StepStarted.class::cast).toList();
        List<StepFinished> ends = seen.stream().filter(StepFinished.class::isInstance).map(StepFinished.class::cast).toList();
        assertEquals(steps, starts.size(), "each step started once");
        assertEquals(steps, ends.size(), "each step finished once");
        assertEquals(0, seen.stream().filter(StepFailed.class::isInstance).count());
        // services deploy side by side: every step once, each service's steps in plan order, each ended after it started
        assertEquals(IntStream.range(0, steps).boxed().toList(), starts.stream().map(StepStarted::index).sorted().toList());
        for (String service : started.plan().services().stream().filter(s -> !s.steps().isEmpty()).map(ServicePlan::service).toList()) {
            List<Integer> own = starts.stream().filter(s -> s.service().equals(service)).map(StepStarted::index).toList();
            assertEquals(own.stream().sorted().toList(), own, service + "'s steps in order");
        }
        for (StepFinished end : ends) {
            int startedAt = seen.indexOf(starts.stream().filter(s -> s.index() == end.index()).findFirst().orElseThrow());
            assertTrue(startedAt < seen.indexOf(end), "step " + end.index() + " ended after it started");
            assertEquals(starts.stream().filter(s -> s.index() == end.index()).findFirst().orElseThrow().step(), end.step());
        }
        assertEquals("web", starts.stream().filter(s -> s.step().describe().contains("web--")).findFirst().orElseThrow().service());
        List<ServiceFinished> services = seen.stream().filter(ServiceFinished.class::isInstance).map(ServiceFinished.class::cast).toList();
        assertEquals(started.plan().services().stream().filter(s -> !s.steps().isEmpty()).map(ServicePlan::service).sorted().toList(),
                services.stream().map(s -> s.outcome().service()).sorted().toList(), "each service's track ended once");
        assertTrue(services.stream().allMatch(s -> s.outcome().applied()), services.toString());
        DeploymentFinished finished = assertInstanceOf(DeploymentFinished.class, seen.getLast());
        assertEquals(Optional.of(ApplyResult.Status.SUCCEEDED), finished.result().map(ApplyResult::status));
        // AWS's own engines report their stages as they move (checkout: ECS's first deployment)
        List<DeploymentEvent.EngineStageChanged> stages = seen.stream().filter(DeploymentEvent.EngineStageChanged.class::isInstance)
                .map(DeploymentEvent.EngineStageChanged.class::cast).toList();
        assertTrue(!stages.isEmpty() && stages.stream().allMatch(s -> s.service().equals("checkout")), stages::toString);
        assertEquals(2 + 2 * steps + services.size() + stages.size(), seen.size(),
                "nothing else, nothing twice: " + seen.stream().map(e -> e.getClass().getSimpleName()).toList());
    }
}
