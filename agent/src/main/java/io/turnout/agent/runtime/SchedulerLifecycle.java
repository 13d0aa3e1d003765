package io.turnout.agent.runtime;

import io.micronaut.context.BeanContext;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.turnout.schedule.AgentScheduler;
import jakarta.inject.Singleton;
import org.quartz.SchedulerException;

/**
 * Starts the scheduler once the HTTP server is up (so that nothing is deployed by an agent that
 * cannot even open its port, and the status page answers while the first polls run), or with the
 * context when there is no HTTP server. The scheduler and what it is made of (the reconcilers, the
 * state store, the repositories) are created only then, so that the HTTP server starts while
 * {@link StartupWork} opens the store and fetches the specs; a failure to create them is a
 * {@link NotStarted}. {@link #stop()} (SIGTERM, before the context closes) shuts the scheduler
 * down, running reconciles finishing first, so a planned shutdown never cuts a deployment off (a
 * kill is what the journal is for); a scheduler not yet started then never starts, also when the
 * SIGTERM comes while it is being put together.
 */
@Singleton
@Requires(property = "turnout.agent.repositories")
@Requires(property = "turnout.agent.enabled", notEquals = "false")
final class SchedulerLifecycle {
    private final BeanProvider<AgentScheduler> scheduler;
    private final BeanContext context;
    /** Guards starting against stopping: a stop waits for a start under way, and a start after a stop does nothing. */
    private final Object lock = new Object();
    private boolean started;
    private boolean stopped;
    private AgentScheduler running;

    /** The agent itself could not be put together (the state store, a repository, the scheduler): not the HTTP server's fault. */
    static final class NotStarted extends RuntimeException {
        NotStarted(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }

    SchedulerLifecycle(BeanProvider<AgentScheduler> scheduler, BeanContext context) {
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
        synchronized (lock) {
            if (started || stopped) return;
            started = true;
            try {
                AgentScheduler made = scheduler.get();
                made.start();
                running = made;
            } catch (SchedulerException e) {
                throw new NotStarted(new IllegalStateException("the scheduler did not start: " + e.getMessage(), e));
            } catch (RuntimeException e) {
                throw new NotStarted(e);
            }
        }
    }

    /**
     * Shuts the scheduler down (running reconciles finish) before the context closes what they use;
     * waits for a start under way, and keeps a later one from starting anything.
     */
    void stop() {
        synchronized (lock) {
            stopped = true;
            if (running != null) running.shutdown(true);
        }
    }
}
