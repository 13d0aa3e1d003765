package io.turnout.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.bench.SyntheticEstate;
import io.turnout.cloud.CloudException;
import io.turnout.plan.SlotTags;
import io.turnout.spec.Slot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The reader's concurrent reads give the same live state, with the same calls, whatever order
 * the calls complete in; and the read budget's token bucket waits as AWS's refills.
 */
class ParallelReadTest {

    /** Runs the calls one after another in a seeded random order: completion order shuffled, results by index. */
    private static ReadThrottle.Fanout shuffled(long seed) {
        Random random = new Random(seed);
        return new ReadThrottle.Fanout() {
            @Override
            public <T> List<T> run(List<Callable<T>> calls) throws Exception {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < calls.size(); i++) order.add(i);
                Collections.shuffle(order, random);
                List<T> results = new ArrayList<>(Collections.nCopies(calls.size(), null));
                for (int i : order) results.set(i, calls.get(i).call());
                return results;
            }
        };
    }

    private static LiveState read(SyntheticEstate estate, ReadThrottle throttle) {
        estate.gateway().stats().reset();
        return new BatchedLiveStateReader(estate.gateway(), throttle, SlotTags::runsDesired).read(estate.environment(), estate.specs());
    }

    @Test
    void theSameLiveStateAndCallsWhateverTheCompletionOrder() {
        SyntheticEstate estate = SyntheticEstate.of(230); // 5 load balancers, 23 DNS services
        LiveState inOrder = read(estate, ReadThrottle.unlimited(new ReadThrottle.Fanout() {
            @Override
            public <T> List<T> run(List<Callable<T>> calls) throws Exception {
                List<T> results = new ArrayList<>();
                for (Callable<T> c : calls) results.add(c.call());
                return results;
            }
        }));
        Map<String, Long> sequentialCalls = estate.gateway().stats().snapshot();
        for (long seed = 1; seed <= 5; seed++) {
            LiveState shuffled = read(estate, ReadThrottle.unlimited(shuffled(seed)));
            assertEquals(inOrder, shuffled, "seed " + seed);
            assertEquals(sequentialCalls, estate.gateway().stats().snapshot(), "seed " + seed);
        }
    }

    @Test
    void virtualThreadsGiveTheSameLiveStateAsOneAfterAnother() {
        SyntheticEstate estate = SyntheticEstate.of(230);
        LiveState sequential = read(estate, ReadThrottle.unlimited(shuffled(7)));
        Map<String, Long> calls = estate.gateway().stats().snapshot();
        for (int run = 0; run < 5; run++) {
            assertEquals(sequential, read(estate, ReadThrottle.unlimited()));
            assertEquals(calls, estate.gateway().stats().snapshot());
        }
        LiveService s = sequential.services().get("s00000");
        assertEquals(Slot.A, s.blue().orElseThrow());
        assertEquals(23, calls.get("ecs:DescribeServices"), "230 BLUE slots, 10 per call");
    }

    @Test
    void aThrottledReadFailsTheWholeReadWithTheThrottlingError() {
        SyntheticEstate estate = SyntheticEstate.of(30);
        estate.cloud().faults().throttle("ecs:DescribeServices", 100);
        CloudException e = assertThrows(CloudException.class, () -> read(estate, ReadThrottle.unlimited()));
        assertEquals(CloudException.Kind.THROTTLED, e.kind());
    }

    @Test
    void theTokenBucketLetsABurstThroughThenWaitsForEachRefill() {
        AtomicLong now = new AtomicLong();
        List<Long> waits = new ArrayList<>();
        ReadThrottle throttle = new ReadThrottle(List.of(new ReadBudget("ecs", 10, 3, 1)), ReadThrottle.VIRTUAL_THREADS,
                now::get, wait -> {
                    waits.add(wait.toNanos());
                    now.addAndGet(wait.toNanos());
                });
        List<Callable<Long>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) calls.add(now::get);
        List<Long> startedAt = throttle.all("ecs", calls);
        // 3 at once (the burst), then one per 100 ms (10 per second)
        assertEquals(List.of(0L, 0L, 0L, 100_000_000L, 200_000_000L), startedAt.stream().sorted().toList());
        assertEquals(2, waits.size());
        assertTrue(waits.stream().allMatch(w -> w == 100_000_000L), waits.toString());
    }

    @Test
    void awsDefaultBudgetsAreTheDocumentedOnes() {
        assertEquals(new ReadBudget("ecs", 20, 50, 10), ReadBudget.ECS);
        assertEquals(new ReadBudget("elbv2", 10, 40, 10), ReadBudget.ELB);
        assertEquals(new ReadBudget("route53", 10, 50, 5), ReadBudget.ROUTE53);
        assertThrows(IllegalArgumentException.class, () -> new ReadBudget("ecs", 0, 1, 1));
    }
}
