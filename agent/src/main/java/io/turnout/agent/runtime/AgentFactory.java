package io.turnout.agent.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.turnout.reconcile.AwsCloudAccess;
import io.turnout.reconcile.CloudAccess;
import io.turnout.reconcile.ReconcileMetrics;
import io.turnout.reconcile.Reconcilers;
import io.turnout.reconcile.SimulatedCloudAccess;
import io.turnout.reconcile.SpecRepository;
import io.turnout.reconcile.StatusBoard;
import io.turnout.schedule.AgentScheduler;
import io.turnout.schedule.SchedulerSettings;
import io.turnout.source.GitSourceException;
import io.turnout.source.GitSpecSource;
import io.turnout.source.mark.CommitMarker;
import io.turnout.spec.load.SpecLoader;
import jakarta.inject.Singleton;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.quartz.SchedulerException;

/**
 * The reconcile core and the scheduler as beans. Present only when at least one repository is
 * configured ({@code turnout.agent.repositories.<name>.url}), so that an application context
 * without one (tests of the HTTP layer with their own fakes) does not get them; and not with
 * {@code turnout.agent.enabled: false} (configuration checks, tests).
 */
@Factory
@Requires(property = "turnout.agent.repositories")
@Requires(property = "turnout.agent.enabled", notEquals = "false")
final class AgentFactory {
    @Singleton
    StatusBoard statusBoard() {
        return new StatusBoard();
    }

    @Singleton
    @Bean(preDestroy = "close")
    CloudAccess cloudAccess(AgentConfiguration config) {
        return switch (config.getCloud()) {
            case SIM -> SimulatedCloudAccess.fromWorldFile(config.getWorld().orElseThrow(() -> new IllegalArgumentException(
                    "turnout.agent.cloud is sim but turnout.agent.world is not set: give a SimulatedWorld file (--world specs-example/world.yaml)")),
                    config.getDataDir());
            case AWS -> new AwsCloudAccess(System.getenv());
        };
    }

    @Singleton
    @Bean(preDestroy = "close")
    Reconcilers reconcilers(AgentConfiguration config, List<RepositoryConfiguration> repositories, CloudAccess cloud,
                            MeterRegistry registry, StatusBoard board) throws GitSourceException {
        List<SpecRepository> opened = new ArrayList<>();
        for (RepositoryConfiguration repository : repositories) {
            GitSpecSource source = GitSpecSource.open(repository.toRemote(), config.getDataDir(), System.getenv(), new SpecLoader());
            opened.add(new SpecRepository(repository.getName(), source, new CommitMarker(source.connection(), InstantSource.system())));
        }
        return new Reconcilers(opened, cloud, config.getDataDir(), new ReconcileMetrics(registry), InstantSource.system(),
                new HashSet<>(config.getEnvironments()), board);
    }

    @Singleton
    @Bean(preDestroy = "close")
    AgentScheduler agentScheduler(Reconcilers reconcilers, AgentConfiguration config) throws SchedulerException {
        SchedulerSettings settings = new SchedulerSettings("turnout", config.getThreads(), config.getDiscoveryInterval(), Optional.empty(),
                config.getDatasource().getClusterCheckinInterval());
        Optional<String> url = config.getDatasource().getUrl();
        if (url.isPresent()) {
            settings = settings.withJdbc(new SchedulerSettings.Jdbc(url.get(), config.getDatasource().getUsername(),
                    config.getDatasource().getPassword()), config.getDatasource().getClusterCheckinInterval());
        }
        return new AgentScheduler(reconcilers, settings);
    }
}
