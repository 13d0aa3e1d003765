package io.turnout.agent.runtime;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.turnout.schedule.AgentScheduler;
import jakarta.inject.Singleton;
import org.quartz.SchedulerException;

/**
 * Starts the scheduler once the application context is up (the HTTP server answers the status
 * page while the first polls run). Stopping is the scheduler bean's {@code close}, called when
 * the context closes (SIGTERM): running reconciles finish first, so a deployment is never cut
 * off by a planned shutdown (a kill is what the journal is for).
 */
@Singleton
@Requires(property = "turnout.agent.repositories")
@Requires(property = "turnout.agent.enabled", notEquals = "false")
final class SchedulerLifecycle implements ApplicationEventListener<StartupEvent> {
    private final AgentScheduler scheduler;

    SchedulerLifecycle(AgentScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        try {
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("the scheduler did not start: " + e.getMessage(), e);
        }
    }
}
