package io.turnout.bench;

import com.sun.management.OperatingSystemMXBean;
import io.turnout.cloud.CallStats;
import io.turnout.cloud.sim.SimulationSettings;
import io.turnout.live.BatchedLiveStateReader;
import io.turnout.live.LiveState;
import io.turnout.live.ReadThrottle;
import io.turnout.plan.Plan;
import io.turnout.plan.Planner;
import io.turnout.plan.SlotTags;
import io.turnout.source.GitRemote;
import io.turnout.source.GitSourceException;
import io.turnout.source.GitSpecSource;
import io.turnout.source.LocalRepositories;
import io.turnout.source.SourceStats;
import io.turnout.spec.ServiceSpec;
import io.turnout.spec.SpecTree;
import io.turnout.spec.load.DirectorySpecFiles;
import io.turnout.spec.load.LoadResult;
import io.turnout.spec.load.SpecLimits;
import io.turnout.spec.load.SpecLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How Turnout's cost grows with the number of services in one environment, measured on a
 * {@link SyntheticEstate} in the simulated cloud: a no-op reconcile (wall time with a modelled
 * latency per AWS call and AWS's default read budgets, process CPU time, calls by operation, the
 * ratio to {@link AwsMinimum}), the same read by a {@link NaiveLiveStateReader}, a poll of a
 * local bare Git repository holding the N spec files with no new commit, planning a change to
 * one and to all services, validating the spec tree from disk, and the heap after a reconcile.
 * Timings depend on the machine; call counts do not.
 */
public final class ScaleBenchmark {
    private ScaleBenchmark() {}

    /** One size's measurements. Durations are wall time unless named CPU. */
    public record Row(int services, int loadBalancers, int zones, Duration noOpWall, Duration noOpCpu,
                      Map<String, Long> calls, AwsMinimum minimum, boolean inSync, long naiveCalls, Duration naiveCpu,
                      boolean naiveInSync, Duration poll, SourceStats pollDelta, Duration planOne, long planOneCalls,
                      Duration planAll, long planAllCalls, Duration validation, int specFiles, long heapUsedBytes) {
        public long total() {
            return calls.values().stream().mapToLong(Long::longValue).sum();
        }

        public double ratio() {
            return (double) total() / minimum.total();
        }

        public double naiveRatio() {
            return (double) naiveCalls / minimum.total();
        }
    }

    /** Runs the measurements for {@code services} services; {@code work} is a scratch folder (spec files, Git repositories). */
    public static Row run(int services, Duration latency, Path work) {
        // 1. The spec files: written, then validated from disk (schema and cross-file rules).
        SyntheticEstate estate = SyntheticEstate.of(services, SimulationSettings.DEFAULT.withCallLatency(latency));
        Path specs = work.resolve("specs-" + services);
        int files = EstateFiles.write(estate, specs);
        // The default limit (500 YAML files) protects the agent from a runaway repository; an estate this
        // size needs it raised, as its operators would (SpecLimits.maxFiles).
        SpecLoader loader = loader(services);
        long t = System.nanoTime();
        LoadResult loaded = loader.load(new DirectorySpecFiles(specs));
        Duration validation = since(t);
        if (!loaded.isValid()) throw new IllegalStateException("the generated specs do not validate: " + loaded.problems());

        // 2. The no-op reconcile: read (AWS's default budgets, modelled latency) and plan.
        gc();
        CallStats stats = estate.gateway().stats();
        stats.reset();
        long cpu = processCpuNanos();
        t = System.nanoTime();
        LiveState live = new BatchedLiveStateReader(estate.gateway(), ReadThrottle.awsDefaults(), SlotTags::runsDesired)
                .read(estate.environment(), estate.specs());
        Plan plan = new Planner().plan(estate.environment(), estate.specs().servicesIn(estate.environment()), live, Optional.empty());
        Duration noOpWall = since(t);
        Duration noOpCpu = Duration.ofNanos(processCpuNanos() - cpu);
        Map<String, Long> calls = new TreeMap<>(stats.snapshot());

        // 3. Heap after the reconcile: used heap after a full GC, with the simulated world, the spec tree,
        // the live state and the plan still held (an upper bound for the agent, which holds no simulator).
        long heap = heapAfterGc();
        Reference.reachabilityFence(live);
        Reference.reachabilityFence(plan);
        AwsMinimum minimum = AwsMinimum.of(estate);
        int lbs = estate.loadBalancers();
        int zones = estate.hostedZones();
        boolean inSync = plan.inSync();
        estate = null;
        live = null;
        plan = null;

        // 4. The naive reader, without latency (its calls are counted; at the modelled latency one after
        // another they would take calls x latency), then planning changes on the same world.
        SyntheticEstate quick = SyntheticEstate.of(services);
        CallStats quickStats = quick.gateway().stats();
        quickStats.reset();
        cpu = processCpuNanos();
        LiveState naive = new NaiveLiveStateReader(quick.gateway()).read(quick.environment(), quick.specs());
        Duration naiveCpu = Duration.ofNanos(processCpuNanos() - cpu);
        long naiveCalls = quickStats.total();
        boolean naiveInSync = new Planner().plan(quick.environment(), quick.specs().servicesIn(quick.environment()), naive,
                Optional.empty()).inSync();

        Timed one = planChange(quick, tree -> changeImages(tree, 1));
        Timed all = planChange(quick, tree -> changeImages(tree, Integer.MAX_VALUE));

        // 5. A poll with no new commit.
        PollMeasure poll = poll(specs, work.resolve("git-" + services), loader);
        return new Row(services, lbs, zones, noOpWall, noOpCpu, calls, minimum, inSync, naiveCalls, naiveCpu, naiveInSync,
                poll.time(), poll.delta(), one.time(), one.calls(), all.time(), all.calls(), validation, files, heap);
    }

    /** The default spec limits with room for {@code services} service files. */
    static SpecLoader loader(int services) {
        return new SpecLoader(SpecLimits.DEFAULT.withMaxFiles(Math.max(SpecLimits.DEFAULT.maxFiles(), services + 100)));
    }

    private record Timed(Duration time, long calls) {}

    /** Read (no latency, no budget) and plan with {@code change} applied to the spec tree; the plan must not be a no-op. */
    private static Timed planChange(SyntheticEstate estate, UnaryOperator<SpecTree> change) {
        SpecTree changed = change.apply(estate.specs());
        estate.gateway().stats().reset();
        long t = System.nanoTime();
        LiveState live = new BatchedLiveStateReader(estate.gateway(), ReadThrottle.unlimited(), SlotTags::runsDesired).read(estate.environment(), changed);
        Plan plan = new Planner().plan(estate.environment(), changed.servicesIn(estate.environment()), live, Optional.empty());
        Duration time = since(t);
        if (plan.inSync()) throw new IllegalStateException("a changed image planned as a no-op");
        return new Timed(time, estate.gateway().stats().total());
    }

    /** The first {@code count} services get a new image. */
    static SpecTree changeImages(SpecTree tree, int count) {
        List<ServiceSpec> services = new ArrayList<>();
        for (ServiceSpec s : tree.services()) {
            if (services.size() < count) {
                JsonNode td = s.taskDefinition();
                ((ObjectNode) td.get("containerDefinitions").get(0)).put("image", "public.ecr.aws/nginx/nginx:1.28");
                s = new ServiceSpec(s.name(), s.source(), s.environments(), td, s.service(), s.strategy(), s.overrides(),
                        s.dependsOn());
            }
            services.add(s);
        }
        return new SpecTree(tree.environments(), services);
    }

    private record PollMeasure(Duration time, SourceStats delta) {}

    /** A bare repository holding the spec files in one commit; the second poll of it is timed. */
    private static PollMeasure poll(Path specs, Path gitDir, SpecLoader loader) {
        Path bare = gitDir.resolve("remote.git");
        try {
            LocalRepositories.commitAndCloneBare(specs, bare, "specs");
            try (GitSpecSource source = GitSpecSource.open(new GitRemote(bare.toUri().toString(), "main"),
                    gitDir.resolve("agent-data"), Map.of(), loader)) {
                source.poll(); // the first poll since start clones and loads
                SourceStats before = source.stats();
                long t = System.nanoTime();
                source.poll();
                Duration time = since(t);
                SourceStats after = source.stats();
                return new PollMeasure(time, new SourceStats(after.lsRemotes() - before.lsRemotes(),
                        after.fetches() - before.fetches(), after.objectsFetched() - before.objectsFetched(),
                        after.specParses() - before.specParses(), after.pushes() - before.pushes()));
            }
        } catch (GitSourceException e) {
            throw new IllegalStateException("the poll benchmark failed: " + e.getMessage(), e);
        }
    }

    /** A small run of every step, untimed, so that the first measured size does not pay for class loading and the JIT. */
    public static void warmUp(Path work) {
        for (int i = 0; i < 3; i++) run(50, Duration.ZERO, work.resolve("warm-up-" + i));
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void gc() {
        System.gc();
        System.gc();
    }

    /** Used heap after two full collections, from the MemoryMXBean. */
    static long heapAfterGc() {
        gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Deletes a scratch folder. */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
