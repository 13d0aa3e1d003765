package io.turnout.agent.runtime;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.turnout.schedule.AgentScheduler;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicBoolean;
import org.quartz.SchedulerException;

/**
 * Starts the scheduler once the HTTP server is up (so that nothing is deployed by an agent that
 * cannot even open its port, and the status page answers while the first polls run), or with the
 * context when there is no HTTP server. Stopping is the scheduler bean's {@code close}, called
 * when the context closes (SIGTERM): running reconciles finish first, so a planned shutdown never
 * cuts a deployment off (a kill is what the journal is for).
 */
@Singleton
@Requires(property = "turnout.agent.repositories")
@Requires(property = "turnout.agent.enabled", notEquals = "false")
final class SchedulerLifecycle {
    private final AgentScheduler scheduler;
    private final BeanContext context;
    private final AtomicBoolean started = new AtomicBoolean();

    SchedulerLifecycle(AgentScheduler scheduler, BeanContext context) {
        this.scheduler = scheduler;
        this.context = context;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (!context.containsBean(EmbeddedServer.class)) start();
    }

    @EventListener
    void onServerStartup(ServerStartupEvent event) {
        start();
    }

    private void start() {
        if (!started.compareAndSet(false, true)) return;
        try {
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("the scheduler did not start: " + e.getMessage(), e);
        }
    }
}
