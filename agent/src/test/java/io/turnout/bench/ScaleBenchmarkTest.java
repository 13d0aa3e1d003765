package io.turnout.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.live.BatchedLiveStateReader;
import io.turnout.live.LiveState;
import io.turnout.live.ReadThrottle;
import io.turnout.plan.Planner;
import io.turnout.plan.SlotTags;
import io.turnout.spec.SpecTree;
import io.turnout.spec.load.LoadResult;
import io.turnout.spec.load.SpecLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scale benchmark's counts (never its timings): calls, no-ops, a quiet poll. */
class ScaleBenchmarkTest {
    @TempDir
    Path work;

    @Test
    void theWrittenSpecFilesValidateAndDescribeTheEstateExactly() {
        SyntheticEstate estate = SyntheticEstate.of(20);
        assertEquals(1 + 2 * 20, EstateFiles.write(estate, work));
        LoadResult loaded = SpecLoader.load(work);
        assertTrue(loaded.isValid(), loaded.problems().toString());
        SpecTree tree = loaded.tree().orElseThrow();
        assertEquals(20, tree.services().size());
        // a plan from the files against the estate's world is a no-op: the files are the estate's specs
        LiveState live = new BatchedLiveStateReader(estate.gateway(), ReadThrottle.unlimited(), SlotTags::runsDesired).read(estate.environment(), tree);
        assertTrue(new Planner().plan(estate.environment(), tree.servicesIn(estate.environment()), live, Optional.empty()).inSync());
    }

    @Test
    void oneRunCountsCallsSideBySideAndAQuietPollFetchesAndParsesNothing() {
        ScaleBenchmark.Row row = ScaleBenchmark.run(20, Duration.ZERO, work);
        assertTrue(row.inSync());
        assertTrue(row.naiveInSync(), "the naive reader's complete live state plans as a no-op too");
        assertEquals(2 + 0, row.calls().get("ecs:DescribeServices"));
        assertEquals(row.minimum().total() + 1, row.total(), "the minimum plus DescribeClusters");
        assertTrue(row.ratio() <= 1.1, "ratio " + row.ratio());
        // per ELB service (18): load balancer, listeners, 2 rule lists, 2 target groups, 2 ECS services, 2 task
        // definitions, 2 scalable targets, 1 policy list (BLUE's) = 13; per DNS service (2): zone, records,
        // namespaces, Cloud Map services, 2 ECS services, 2 task definitions, 2 scalable targets = 10; the cluster
        assertEquals(18 * 13 + 2 * 10 + 1, row.naiveCalls());
        assertEquals(0, row.pollDelta().fetches());
        assertEquals(0, row.pollDelta().objectsFetched());
        assertEquals(0, row.pollDelta().specParses());
        assertEquals(1, row.pollDelta().lsRemotes(), "a quiet poll is one ref advertisement");
        assertTrue(row.planAllCalls() > row.planOneCalls(), row.planOneCalls() + " vs " + row.planAllCalls());
        assertEquals(1 + 2 * 20, row.specFiles());
        String table = ScaleTable.markdown(java.util.List.of(row), Duration.ofMillis(20));
        assertTrue(table.startsWith("Machine: "), table);
        assertTrue(table.contains("| 20 | "), table);
        assertFalse(table.contains("not a no-op"), table);
    }
}
