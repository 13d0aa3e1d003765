package io.turnout.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.context.BeanProvider;
import io.turnout.schedule.AgentScheduler;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The scheduler is put together when the HTTP server is up; a SIGTERM (AgentApplication.close)
 * may come before or while that happens, and then nothing may start after the store is closed.
 */
class SchedulerLifecycleTest {
    private final AtomicInteger made = new AtomicInteger();
    private final BeanProvider<AgentScheduler> failing = () -> {
        made.incrementAndGet();
        throw new IllegalStateException("the state store could not be opened");
    };

    @Test
    void afterAStopTheServersStartPutsNothingTogether() {
        SchedulerLifecycle lifecycle = new SchedulerLifecycle(failing, null);
        lifecycle.stop();
        lifecycle.onServerStartup(null);
        assertEquals(0, made.get(), "no scheduler made, so none started under a closing context");
    }

    @Test
    void aFailureToPutItTogetherIsTheAgentsAndItIsTriedOnce() {
        SchedulerLifecycle lifecycle = new SchedulerLifecycle(failing, null);
        SchedulerLifecycle.NotStarted e = assertThrows(SchedulerLifecycle.NotStarted.class, () -> lifecycle.onServerStartup(null));
        assertEquals("the state store could not be opened", e.getMessage());
        lifecycle.onServerStartup(null);
        lifecycle.stop();
        assertEquals(1, made.get());
    }
}
