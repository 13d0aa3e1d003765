package io.turnout.cloud.sim;

import io.turnout.cloud.CloudAccess;
import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.HttpProbe;
import io.turnout.cloud.budget.BudgetedGateway;
import io.turnout.cloud.budget.WriteThrottle;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.time.Sleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated cloud as the agent's or a command's cloud. On a virtual clock ({@link ManualClock})
 * waits advance the clock instead of sleeping, so a deployment with a 15-minute downsize delay
 * takes seconds; for the agent, before each reconcile the clock catches up with the wall clock (it
 * never goes back), so simulated tasks also start while the agent idles. With a world file, the
 * world is saved to it after every deployment ({@link #afterDeployment()}) or when asked ({@link #save()}).
 */
public final class SimulatedCloudAccess implements CloudAccess {
    private final SimulatedCloud cloud;
    private final InstantSource clock;
    private final Optional<ManualClock> virtualClock;
    private final InstantSource wallClock;
    private final Optional<Path> worldFile;
    private final SimulatedHttpProbe http;
    private final Map<CloudGateway, CloudGateway> budgeted = new ConcurrentHashMap<>();

    /**
     * @param clock     the virtual clock the world runs on; waits advance it
     * @param wallClock what {@link #beforeReconcile()} catches the virtual clock up with
     * @param worldFile where {@link #afterDeployment()} saves the world; empty: never saved
     */
    public SimulatedCloudAccess(SimulatedCloud cloud, ManualClock clock, InstantSource wallClock, Optional<Path> worldFile) {
        this(cloud, clock, Optional.of(clock), wallClock, worldFile);
    }

    private SimulatedCloudAccess(SimulatedCloud cloud, InstantSource clock, Optional<ManualClock> virtualClock,
                                 InstantSource wallClock, Optional<Path> worldFile) {
        this.cloud = cloud;
        this.clock = clock;
        this.virtualClock = virtualClock;
        this.wallClock = wallClock;
        this.worldFile = worldFile;
        this.http = new SimulatedHttpProbe(cloud);
    }

    /**
     * For the agent: copies {@code world} into {@code dataDir} (the file in the repository is never
     * modified), unless a copy is already there from an earlier run, and opens that copy on a
     * virtual clock that starts now; deployments save it.
     */
    public static SimulatedCloudAccess copyInto(Path world, Path dataDir) {
        Path copy = dataDir.resolve("world.yaml");
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(copy)) Files.copy(world, copy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the world file " + world + " into the data directory " + dataDir
                    + ": " + e.getMessage() + ". Check that the data directory is writable", e);
        }
        ManualClock clock = startingNow();
        return new SimulatedCloudAccess(WorldFile.read(copy, clock), clock, InstantSource.system(), Optional.of(copy));
    }

    /** For one deployment from the command line: {@code world} on a virtual clock that starts now; {@link #save()} writes it back. */
    public static SimulatedCloudAccess replaying(Path world) {
        ManualClock clock = startingNow();
        return new SimulatedCloudAccess(WorldFile.read(world, clock), clock, InstantSource.system(), Optional.of(world));
    }

    /** For reading only (plans): {@code world} on the wall clock, never saved. */
    public static SimulatedCloudAccess reading(Path world) {
        InstantSource wall = InstantSource.system();
        return new SimulatedCloudAccess(WorldFile.read(world, wall), wall, Optional.empty(), wall, Optional.empty());
    }

    private static ManualClock startingNow() {
        return new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    public SimulatedCloud cloud() {
        return cloud;
    }

    public Optional<Path> worldFile() {
        return worldFile;
    }

    /**
     * The environment's partition, its mutating calls within AWS's write budgets: one
     * {@link WriteThrottle} per partition (account and Region), on the simulated cloud's clock.
     */
    @Override
    public CloudGateway gatewayFor(EnvironmentSpec environment) {
        return budgeted.computeIfAbsent(cloud.gatewayFor(environment),
                raw -> new BudgetedGateway(raw, WriteThrottle.awsDefaults(clock, sleeper())));
    }

    @Override
    public InstantSource clock() {
        return clock;
    }

    @Override
    public Sleeper sleeper() {
        return virtualClock.map(ManualClock::sleeper).orElse(Sleeper.real());
    }

    @Override
    public HttpProbe httpProbe() {
        return http;
    }

    @Override
    public void beforeReconcile() {
        // advance, never set: another environment's deployment may be moving the clock at the same
        // moment, and time must not go back under it (at worst it jumps a little further ahead)
        virtualClock.ifPresent(virtual -> {
            Duration behind = Duration.between(virtual.instant(), wallClock.instant());
            if (behind.isPositive()) virtual.advance(behind);
        });
    }

    @Override
    public void afterDeployment() {
        if (worldFile.isEmpty()) return;
        try {
            save();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the simulated world to " + worldFile.get() + ": " + e.getMessage(), e);
        }
    }

    /** Writes the world to its file (a no-op without one). */
    public void save() throws IOException {
        if (worldFile.isEmpty()) return;
        synchronized (cloud) {
            WorldFile.write(cloud, WorldFile.name(worldFile.get()), worldFile.get());
        }
    }
}
