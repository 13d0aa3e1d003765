package io.turnout.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.live.LiveService;
import io.turnout.plan.MoveAutoScaling;
import io.turnout.plan.Step;
import io.turnout.spec.Slot;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rollback scales down before it removes auto scaling, calls DeregisterScalableTarget only for a
 * slot that has a scalable target, and one call that fails does not skip the others (issue 11).
 */
class RollbackTest {
    static final String DEREGISTER = "application-autoscaling:DeregisterScalableTarget";

    @TempDir
    Path tmp;

    @Test
    void aSlotWithoutAutoScalingIsScaledDownWithoutADeregisterCall() {
        SimWorld world = new SimWorld(tmp, "production");
        world.http.failPath("/health", 500, "boom");
        world.gateway().stats().reset();

        ApplyResult result = world.executor(Progress.silent()).build().apply(world.plan("c1"), world.live());

        assertEquals(ApplyResult.Status.ROLLED_BACK, result.status(), result.messages().toString());
        // the first slot is web--b: the world's prod listener already forwards to web-a's group
        assertTrue(result.messages().toString().contains("web--b scaled to 0"), result.messages().toString());
        assertEquals(0, world.live().service("web").orElseThrow().b().orElseThrow().service().desiredCount());
        assertEquals(0, world.gateway().stats().count(DEREGISTER), "web--b never had a scalable target: nothing to deregister");
    }

    @Test
    void aRefusedCallDoesNotSkipTheRestOfTheRollback() {
        SimWorld world = new SimWorld(tmp, "production");
        assertTrue(world.apply("c1").succeeded());
        world.replaceIn("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28");
        LiveService before = world.live().service("web").orElseThrow();
        assertEquals(Optional.of(Slot.B), before.blue(), "the first deployment put production on web--b");
        // after the swap and the auto scaling's move to web--a, web--a's targets fail (the production check
        // before the downsize fails), and the role may not tag (the first call of the rollback after the swap back)
        PlanExecutor executor = world.executor(new Progress() {
            @Override
            public void line(String message) {
            }

            @Override
            public void stepFinished(int index, Step step) {
                if (step instanceof MoveAutoScaling m && m.service().equals("web")) {
                    world.cloud.faults().failHealthChecks("web-a").deny("ecs:TagResource", 1);
                }
            }
        }).build();

        ApplyResult result = executor.apply(world.plan("c2"), world.live());

        String messages = String.join("\n", result.messages());
        assertEquals(ApplyResult.Status.FAILED, result.status(), messages);
        assertTrue(messages.contains("the rollback failed too: could not restore the tags of web--a: ecs:TagResource: AccessDeniedException"),
                messages);
        assertTrue(messages.contains("production traffic swapped back to web-b"), messages);
        assertTrue(messages.contains("web--a back to 0 tasks"), "the calls after the refused one still ran: " + messages);
        LiveService after = world.live().service("web").orElseThrow();
        assertEquals(Optional.of(Slot.B), after.blue(), "production is back on the old BLUE");
        assertEquals(0, after.a().orElseThrow().service().desiredCount(), "web--a is not left running");
        assertTrue(after.a().orElseThrow().scaling().isEmpty(), "the auto scaling moved to web--a was removed");
        assertTrue(after.b().orElseThrow().scaling().isPresent(), "web--b has its auto scaling back");
        var serving = after.b().orElseThrow().service();
        assertTrue(serving.steady() && serving.runningCount() > 0, "production on a slot that serves: " + serving);
        // the tags could not be put back: the next plan repairs them (production decides which slot is BLUE)
    }
}
