package io.turnout.reconcile;

import io.turnout.cloud.CloudAccess;
import io.turnout.cloud.sim.ManualClock;
import io.turnout.cloud.sim.SimulatedCloud;
import io.turnout.cloud.sim.SimulatedCloudAccess;
import io.turnout.cloud.sim.WorldFile;
import io.turnout.eventlog.EventLog;
import io.turnout.events.DeploymentEvents;
import io.turnout.ledger.EnvironmentLedger;
import io.turnout.ledger.StatusBoard;
import io.turnout.metrics.DeploymentMetrics;
import io.turnout.pipeline.PlanningStep;
import io.turnout.source.GitCredentials;
import io.turnout.source.GitRemote;
import io.turnout.source.GitSpecSource;
import io.turnout.source.SpecRepository;
import io.turnout.source.SpecSource;
import io.turnout.source.mark.CommitMarker;
import io.turnout.spec.load.SpecLoader;
import io.turnout.state.StateStore;
import io.turnout.state.sql.StateStoreSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;

/** Test wiring: the example world on a virtual clock, and reconcilers for it, without Micronaut or Quartz. */
final class Agents {
    /** Never ahead of the simulated clock, so that it only moves when a deployment waits. */
    static final InstantSource WALL = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));

    private Agents() {
    }

    static SimulatedCloudAccess exampleWorld() {
        ManualClock clock = new ManualClock();
        SimulatedCloud cloud = WorldFile.read(WorkRepo.EXAMPLE.resolve("world.yaml"), clock);
        return new SimulatedCloudAccess(cloud, clock, WALL, Optional.empty());
    }

    static SpecRepository repository(String url, Path dataDir) throws Exception {
        GitSpecSource source = GitSpecSource.open(new GitRemote(url, "main", WorkRepo.SPECS, GitCredentials.none()), dataDir,
                Map.of(), new SpecLoader());
        return new SpecRepository("shop", source, new CommitMarker(source.connection(), InstantSource.system()));
    }

    /** One environment's reconciler as the agent wires it: the embedded state store of the data directory, a status board and metrics subscribed. */
    record Agent(EnvironmentReconciler reconciler, StatusBoard board, DeploymentMetrics metrics, DeploymentEvents events,
                 StateStore store) {
        void reconcile() {
            reconciler.reconcile();
        }

        EnvironmentLedger ledger() {
            return board.ledger(reconciler.name()).orElseThrow();
        }
    }

    static Agent reconciler(String environment, SpecSource repository, CloudAccess cloud, Path dataDir, DeploymentMetrics metrics) {
        return reconciler(environment, repository, cloud, dataDir, metrics, new PlanningStep());
    }

    /** As the agent wires it, with the status board, the metrics and the event log subscribed, and {@code planning}. */
    static Agent reconciler(String environment, SpecSource repository, CloudAccess cloud, Path dataDir, DeploymentMetrics metrics,
                            PlanningStep planning) {
        StateStore store = StateStoreSettings.embedded(dataDir).open("test agent");
        StatusBoard board = new StatusBoard(store);
        board.follow(environment, repository.displayUrl(), repository.branch());
        DeploymentEvents events = new DeploymentEvents().subscribe(board).subscribe(metrics).subscribe(new EventLog());
        return new Agent(new EnvironmentReconciler(environment, repository, cloud, store, events, WALL, planning), board, metrics, events,
                store);
    }

    /** The world as text: equal strings mean nothing changed. */
    static String world(SimulatedCloudAccess cloud) {
        return WorldFile.write(cloud.cloud(), "shop-example");
    }
}
