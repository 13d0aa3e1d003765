package io.turnout.apply;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.sim.ManualClock;
import io.turnout.cloud.sim.SimulatedCloud;
import io.turnout.cloud.sim.SimulatedHttpProbe;
import io.turnout.cloud.sim.WorldFile;
import io.turnout.live.BatchedLiveStateReader;
import io.turnout.live.LiveState;
import io.turnout.plan.Plan;
import io.turnout.plan.Planner;
import io.turnout.plan.SlotTags;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SpecTree;
import io.turnout.spec.load.LoadResult;
import io.turnout.spec.load.SpecLoader;
import io.turnout.state.MemoryJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A writable copy of specs-example applied to the simulated cloud of its world.yaml, on a
 * {@link ManualClock} that only moves when the executor sleeps.
 */
final class SimWorld {
    static final Path EXAMPLE = Path.of("..", "specs-example").toAbsolutePath().normalize();

    final Path specs;
    final ManualClock clock = new ManualClock();
    final SimulatedCloud cloud;
    final SimulatedHttpProbe http;
    final List<String> lines = new ArrayList<>();
    final MemoryJournal journal = new MemoryJournal();
    final String environment;

    SimWorld(Path tmp, String environment) {
        this.specs = copy(EXAMPLE, tmp.resolve("specs"));
        this.cloud = WorldFile.read(specs.resolve("world.yaml"), clock);
        this.http = new SimulatedHttpProbe(cloud);
        this.environment = environment;
    }

    /** {@code specs} as they are, on the world of {@code worldYaml} (e.g. one saved after a first deployment). */
    SimWorld(Path specs, String worldYaml, String environment) {
        this.specs = specs;
        this.cloud = WorldFile.read(worldYaml, "world.yaml", clock);
        this.http = new SimulatedHttpProbe(cloud);
        this.environment = environment;
    }

    String save() {
        return WorldFile.write(cloud, "shop-example");
    }

    SpecTree tree() {
        LoadResult loaded = SpecLoader.load(specs);
        assertTrue(loaded.isValid(), () -> "specs invalid: " + loaded.problems());
        return loaded.tree().orElseThrow();
    }

    EnvironmentSpec env() {
        return tree().environment(environment).orElseThrow();
    }

    CloudGateway gateway() {
        return cloud.gatewayFor(env());
    }

    LiveState live() {
        return new BatchedLiveStateReader(gateway(), SlotTags::runsDesired).read(env(), tree());
    }

    Plan plan(String commit) {
        SpecTree tree = tree();
        EnvironmentSpec env = tree.environment(environment).orElseThrow();
        return new Planner().plan(env, tree.servicesIn(env), live(), Optional.of(commit));
    }

    PlanExecutor.Builder executor(Progress extra) {
        Progress progress = new Progress() {
            @Override
            public void line(String message) {
                lines.add(message);
                extra.line(message);
            }

            @Override
            public void stepStarted(int index, io.turnout.plan.Step step) {
                extra.stepStarted(index, step);
            }

            @Override
            public void stepFinished(int index, io.turnout.plan.Step step) {
                extra.stepFinished(index, step);
            }
        };
        return PlanExecutor.builder(gateway(), env()).journal(journal).progress(progress)
                .time(clock, clock.sleeper()).httpProbe(http).random(RandomGenerator.of("L64X128MixRandom"));
    }

    ApplyResult apply(String commit) {
        Plan plan = plan(commit);
        return executor(Progress.silent()).build().apply(plan, live());
    }

    void replaceIn(String file, String from, String to) {
        Path path = specs.resolve(file);
        try {
            String text = Files.readString(path);
            assertTrue(text.contains(from), file + " should contain " + from);
            Files.writeString(path, text.replaceFirst(Pattern.quote(from), to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(src -> {
                try {
                    Path dst = to.resolve(from.relativize(src).toString());
                    if (Files.isDirectory(src)) Files.createDirectories(dst);
                    else Files.copy(src, dst);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }
}
