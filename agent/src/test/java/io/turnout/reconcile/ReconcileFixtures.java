package io.turnout.reconcile;

import io.turnout.cloud.sim.SimulatedCloudAccess;
import io.turnout.events.DeploymentEvents;
import io.turnout.ledger.StatusBoard;
import io.turnout.metrics.DeploymentMetrics;
import io.turnout.pipeline.PlanningStep;
import io.turnout.source.SpecRepository;
import io.turnout.state.StateStore;
import io.turnout.state.sql.StateStoreSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Public test wiring for other packages (the scheduler, the Micronaut application). */
public final class ReconcileFixtures {
    /** specs-example in this repository. */
    public static final java.nio.file.Path EXAMPLE = WorkRepo.EXAMPLE;

    private ReconcileFixtures() {
    }

    /** A bare repository with the example specs under {@code specs/}, and the example world. */
    public static Fixture exampleRepository(Path dir) throws Exception {
        return new Fixture(WorkRepo.withExampleSpecs(dir, "shop"), Agents.exampleWorld());
    }

    /** One environment's reconciler and what it publishes to; closing it closes its clone. */
    public record OneEnvironment(EnvironmentReconciler reconciler, StatusBoard board, DeploymentMetrics metrics,
                                 SpecRepository repository) implements AutoCloseable {
        public void reconcile() {
            reconciler.reconcile();
        }

        @Override
        public void close() {
            repository.close();
        }
    }

    public record Fixture(WorkRepo repo, SimulatedCloudAccess cloud) implements AutoCloseable {
        public String url() {
            return repo.fileUrl();
        }

        /** Reconcilers of the repository on this world, with their own data directory (one replica). */
        public Reconcilers reconcilers(Path dataDir, Set<String> environments) throws Exception {
            return reconcilers(url(), dataDir, environments);
        }

        public Reconcilers reconcilers(String url, Path dataDir, Set<String> environments) throws Exception {
            return reconcilers(url, dataDir, environments, StateStoreSettings.embedded(dataDir).open("test replica " + dataDir.getFileName()));
        }

        /** Reconcilers on {@code store} (e.g. PostgreSQL shared with other replicas); closing them closes it. */
        public Reconcilers reconcilers(String url, Path dataDir, Set<String> environments, StateStore store) throws Exception {
            SpecRepository repository = Agents.repository(url, dataDir);
            DeploymentEvents events = new DeploymentEvents().subscribe(DeploymentMetrics.standalone());
            return new Reconcilers(List.of(repository), cloud, store, events, new StatusBoard(store), Agents.WALL, environments);
        }

        /**
         * One environment's reconciler on this world as the agent wires it (status board, metrics and
         * event log subscribed), with its own data directory and {@code planning}; close the repository
         * it opened with {@link #close()} of the returned handle.
         */
        public OneEnvironment environment(String environment, Path dataDir, PlanningStep planning) throws Exception {
            SpecRepository repository = Agents.repository(url(), dataDir);
            Agents.Agent agent = Agents.reconciler(environment, repository, cloud, dataDir, DeploymentMetrics.standalone(), planning);
            return new OneEnvironment(agent.reconciler(), agent.board(), agent.metrics(), repository);
        }

        public long registrations(String account) {
            return cloud.cloud().region(account, "eu-west-1").stats().count("ecs:RegisterTaskDefinition");
        }

        @Override
        public void close() {
            repo.close();
        }
    }
}
