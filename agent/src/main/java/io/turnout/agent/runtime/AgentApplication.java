package io.turnout.agent.runtime;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanRegistration;
import io.micronaut.runtime.server.EmbeddedServer;
import io.turnout.error.TurnoutException;
import io.turnout.schedule.AgentScheduler;
import io.turnout.status.SyncTrigger;
import java.net.URL;
import java.util.Map;
import java.util.Optional;

/**
 * The agent as a running Micronaut application, started from plain properties
 * ({@code turnout.agent.*}, {@code micronaut.server.*}): what {@code turnout agent} runs. Keeps
 * Micronaut behind this class, so that the command line does not need it; errors come back as
 * {@link TurnoutException}s that say what is wrong and what to do.
 */
public final class AgentApplication implements AutoCloseable {
    private final ApplicationContext context;

    private AgentApplication(ApplicationContext context) {
        this.context = context;
    }

    /** Starts the application context (not yet the HTTP server, so not yet the scheduler). */
    public static AgentApplication start(Map<String, Object> properties) {
        StartupWork.beginAhead(properties);
        ApplicationContext context;
        try {
            context = ApplicationContext.builder().properties(properties).deduceEnvironment(false).start();
        } catch (RuntimeException e) {
            throw couldNotStart(e);
        }
        if (!context.containsBean(SyncTrigger.class)) {
            context.close();
            throw new TurnoutException("no spec repository to follow",
                    "Pass --repo URL, or configure turnout.agent.repositories.<name>.url (application.yml or TURNOUT_AGENT_REPOSITORIES_<NAME>_URL).");
        }
        return new AgentApplication(context);
    }

    /**
     * Starts the HTTP server, after which the scheduler is put together and started (nothing is
     * deployed by an agent that cannot open its port); the server's URL, or empty when the
     * application has none. A failure to put the agent together (the state store, a repository)
     * is "the agent could not start", as in {@link #start}.
     */
    public Optional<URL> startServer() {
        Optional<EmbeddedServer> server = context.findBean(EmbeddedServer.class);
        if (server.isEmpty()) return Optional.empty();
        try {
            server.get().start();
        } catch (RuntimeException e) {
            // the scheduler and the store are put together when the server has started (SchedulerLifecycle)
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof SchedulerLifecycle.NotStarted) throw couldNotStart(e);
            }
            throw new TurnoutException("cannot start the HTTP server: " + rootMessage(e),
                    "Stop what is using the port, or pass another one with --port (-1 for any free port).", e);
        }
        return Optional.of(server.get().getURL());
    }

    /** Stops the HTTP server and the scheduler; running reconciles finish first. */
    @Override
    public void close() {
        // The scheduler first: Micronaut does not destroy singletons in the order of their dependencies, and a SIGTERM
        // during a poll closed the state store's pool under the running reconcile (a stack trace per environment).
        // SchedulerLifecycle also keeps a scheduler that is still being put together (SIGTERM while the server starts) from starting.
        for (BeanRegistration<SchedulerLifecycle> lifecycle : context.getActiveBeanRegistrations(SchedulerLifecycle.class)) {
            lifecycle.getBean().stop();
        }
        for (BeanRegistration<AgentScheduler> scheduler : context.getActiveBeanRegistrations(AgentScheduler.class)) {
            scheduler.getBean().shutdown(true);
        }
        context.close();
    }

    /** Configuration errors surface as bean creation failures; their root cause says what is wrong. */
    private static TurnoutException couldNotStart(RuntimeException e) {
        return new TurnoutException("the agent could not start: " + rootMessage(e),
                "Check the options and the turnout.agent configuration (application.yml, TURNOUT_AGENT_* variables).", e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
