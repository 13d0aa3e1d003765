package io.turnout.agent.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.turnout.cloud.CloudAccess;
import io.turnout.eventlog.EventLog;
import io.turnout.events.DeploymentEvents;
import io.turnout.ledger.StatusBoard;
import io.turnout.metrics.DeploymentMetrics;
import io.turnout.notify.Channel;
import io.turnout.notify.Dispatcher;
import io.turnout.notify.NoticeFeed;
import io.turnout.reconcile.ApprovalService;
import io.turnout.reconcile.Reconcilers;
import io.turnout.schedule.AgentScheduler;
import io.turnout.schedule.SchedulerSettings;
import io.turnout.source.GitSourceException;
import io.turnout.source.GitSpecSource;
import io.turnout.source.SpecRepository;
import io.turnout.source.SpecSource;
import io.turnout.source.mark.CommitMarker;
import io.turnout.state.StateStore;
import io.turnout.state.sql.SqlStateStore;
import io.turnout.state.sql.StateStoreSettings;
import io.turnout.status.Approvals;
import jakarta.inject.Singleton;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.quartz.SchedulerException;

/**
 * The reconcile core and the scheduler as beans, wired to their ports: the cloud (opened once, by
 * {@link io.turnout.pipeline.CloudOpener}), the state store, the spec repositories with their committed-state tags,
 * and one stream of deployment events that the status board, the metrics and the log subscribe to.
 * The slow parts (the store, the repositories' first fetch) were begun by {@link StartupWork}.
 * Present only when at least one repository is configured ({@code turnout.agent.repositories.<name>.url}),
 * so that an application context without one (tests of the HTTP layer with their own fakes) does
 * not get them; and not with {@code turnout.agent.enabled: false} (configuration checks, tests).
 */
@Factory
@Requires(property = "turnout.agent.repositories")
@Requires(property = "turnout.agent.enabled", notEquals = "false")
final class AgentFactory {
    /** The embedded store in the data directory, or PostgreSQL shared by the replicas when a datasource URL is set. */
    @Singleton
    @Bean(preDestroy = "close")
    SqlStateStore stateStore(StartupWork startup) {
        return startup.store();
    }

    /** Opens (and migrates) the state store; {@link StartupWork} does it while the rest of the agent starts. */
    static SqlStateStore openStore(AgentConfiguration config) {
        AgentConfiguration.DataSource datasource = config.getDatasource();
        int poolSize = datasource.getMaximumPoolSize().orElse(config.getThreads() + 6);
        return new StateStoreSettings(config.getDataDir(), datasource.getUrl(), datasource.getUsername(), datasource.getPassword(),
                poolSize, datasource.leaseDuration(), config.getHistoryLimit())
                .open(StateStoreSettings.owner("turnout agent"));
    }

    @Singleton
    StatusBoard statusBoard(StateStore store) {
        return new StatusBoard(store);
    }

    @Singleton
    @Bean(preDestroy = "close")
    Dispatcher notifications(List<NotificationConfiguration> notifications) {
        List<Channel> channels = new ArrayList<>();
        for (NotificationConfiguration n : notifications) channels.add(n.toChannel(System.getenv()));
        return Dispatcher.standard(channels);
    }

    @Singleton
    DeploymentEvents deploymentEvents(MeterRegistry registry, Dispatcher notifications, AgentConfiguration config) {
        DeploymentEvents events = new DeploymentEvents().subscribe(new DeploymentMetrics(registry)).subscribe(new EventLog());
        if (!notifications.isEmpty()) events.subscribe(new NoticeFeed(notifications, config.getStatusPageUrl()));
        return events;
    }

    /** Not when the context was given a cloud (replicas of one JVM sharing one simulated cloud, in tests). */
    @Singleton
    @Requires(missingBeans = CloudAccess.class)
    @Bean(preDestroy = "close")
    CloudAccess cloudAccess(StartupWork startup) {
        return startup.cloud();
    }

    @Singleton
    @Bean(preDestroy = "close")
    Reconcilers reconcilers(AgentConfiguration config, DeploymentEvents events, StartupWork startup, CloudAccess cloud,
                            StateStore store, StatusBoard board) throws GitSourceException {
        // (Micronaut makes the arguments in this order: the events and the metrics before waiting for the store)
        List<SpecSource> opened = new ArrayList<>();
        for (StartupWork.Opened repository : startup.sources()) {
            GitSpecSource source = repository.source();
            opened.add(new SpecRepository(repository.name(), source, new CommitMarker(source.connection(), InstantSource.system())));
        }
        return new Reconcilers(opened, cloud, store, events, board, InstantSource.system(), new HashSet<>(config.getEnvironments()));
    }

    @Singleton
    Approvals approvals(Reconcilers reconcilers) {
        return new ApprovalService(reconcilers.board(), reconcilers.store(), InstantSource.system());
    }

    @Singleton
    @Bean(preDestroy = "close")
    AgentScheduler agentScheduler(Reconcilers reconcilers, AgentConfiguration config, SqlStateStore store) throws SchedulerException {
        SchedulerSettings settings = new SchedulerSettings("turnout", config.getThreads(), config.getDiscoveryInterval(), Optional.empty(),
                config.getDatasource().getClusterCheckinInterval());
        if (store.database().shared()) {
            // several replicas: Quartz's job store is clustered on the same database, through the same pool
            settings = settings.clusteredOn(store.database(), config.getDatasource().getClusterCheckinInterval());
        }
        return new AgentScheduler(reconcilers, settings);
    }
}
