package io.turnout.cloud.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.turnout.cloud.EcsServiceInfo;
import io.turnout.cloud.TaskDefinitionInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimDeterminismTest {
    private static String run() {
        SimFixture fx = new SimFixture();
        TaskDefinitionInfo td = fx.registerWeb("nginx:1");
        fx.gw.ecs().createService(fx.webService("web--a", td.arn(), 2, "web-a", SimFixture.fargateSettings()));
        fx.clock.advance(Duration.ofSeconds(20));
        EcsServiceInfo svc = fx.gw.ecs().describeServices("production", List.of("web--a")).services().getFirst();
        return svc + "\n" + fx.gw.elb().describeTargetHealth(fx.targetGroupArn("web-a")) + "\n" + WorldFile.write(fx.cloud, "x");
    }

    @Test
    void theSameCallsGiveTheSameIdsArnsAndAddresses() {
        assertEquals(run(), run());
    }

    @Test
    void concurrentRegistrationsGetDistinctRevisions() throws Exception {
        SimFixture fx = new SimFixture();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> revisions = IntStream.range(0, 40)
                    .mapToObj(i -> pool.submit(() -> fx.gw.ecs().registerTaskDefinition(SimFixture.webTaskDefinition("nginx:" + i), Map.of()).revision()))
                    .toList();
            TreeSet<Integer> seen = new TreeSet<>();
            for (Future<Integer> f : revisions) seen.add(f.get());
            assertEquals(40, seen.size());
            assertEquals(40, seen.last());
            assertEquals(40, fx.gw.stats().count("ecs:RegisterTaskDefinition"));
        } finally {
            pool.shutdownNow();
        }
    }
}
