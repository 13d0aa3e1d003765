package io.turnout.reconcile;

import io.turnout.apply.HttpProbe;
import io.turnout.apply.SimulatedHttpProbe;
import io.turnout.apply.Sleeper;
import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.sim.ManualClock;
import io.turnout.cloud.sim.SimulatedCloud;
import io.turnout.cloud.sim.WorldFile;
import io.turnout.spec.EnvironmentSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The simulated cloud as the agent's cloud. Waits advance a virtual clock instead of sleeping,
 * so a deployment with a 15-minute downsize delay takes seconds; before each reconcile the clock
 * catches up with the wall clock (it never goes back), so simulated tasks also start while the
 * agent idles. With a world file, the world is saved to it after every deployment.
 */
public final class SimulatedCloudAccess implements CloudAccess {
    private final SimulatedCloud cloud;
    private final ManualClock clock;
    private final InstantSource wallClock;
    private final Optional<Path> worldFile;
    private final SimulatedHttpProbe http;

    public SimulatedCloudAccess(SimulatedCloud cloud, ManualClock clock, InstantSource wallClock, Optional<Path> worldFile) {
        this.cloud = cloud;
        this.clock = clock;
        this.wallClock = wallClock;
        this.worldFile = worldFile;
        this.http = new SimulatedHttpProbe(cloud);
    }

    /**
     * Copies {@code world} into {@code dataDir} (the file in the repository is never modified),
     * unless a copy is already there from an earlier run, and opens that copy.
     */
    public static SimulatedCloudAccess fromWorldFile(Path world, Path dataDir) {
        Path copy = dataDir.resolve("world.yaml");
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(copy)) Files.copy(world, copy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the world file " + world + " into the data directory " + dataDir
                    + ": " + e.getMessage() + ". Check that the data directory is writable", e);
        }
        ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        return new SimulatedCloudAccess(WorldFile.read(copy, clock), clock, InstantSource.system(), Optional.of(copy));
    }

    public SimulatedCloud cloud() {
        return cloud;
    }

    public Optional<Path> worldFile() {
        return worldFile;
    }

    @Override
    public CloudGateway gatewayFor(EnvironmentSpec environment) {
        return cloud.gatewayFor(environment);
    }

    @Override
    public InstantSource clock() {
        return clock;
    }

    @Override
    public Sleeper sleeper() {
        return Sleeper.advancing(clock);
    }

    @Override
    public HttpProbe httpProbe() {
        return http;
    }

    @Override
    public void beforeReconcile() {
        // advance, never set: another environment's deployment may be moving the clock at the same
        // moment, and time must not go back under it (at worst it jumps a little further ahead)
        java.time.Duration behind = java.time.Duration.between(clock.instant(), wallClock.instant());
        if (behind.isPositive()) clock.advance(behind);
    }

    @Override
    public void afterDeployment() {
        if (worldFile.isEmpty()) return;
        try {
            synchronized (cloud) {
                WorldFile.write(cloud, WorldFile.name(worldFile.get()), worldFile.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the simulated world to " + worldFile.get() + ": " + e.getMessage(), e);
        }
    }
}
