package io.turnout.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallBenchmarkTest {
    @Test
    void aNoOpReconcileOfThirtyServicesMakesExactlyThePredictedCalls() {
        CallBenchmark.Row row = CallBenchmark.run(30);

        assertTrue(row.inSync(), "the synthetic estate is deployed and in sync");
        // 27 ELB services on one load balancer (50 per ALB), 3 DNS services in one zone
        assertEquals(1, row.loadBalancers());
        assertEquals(1, row.hostedZones());
        assertEquals(Map.ofEntries(
                Map.entry("ecs:DescribeClusters", 1L),
                Map.entry("ecs:DescribeServices", 3L),              // ceil(30 / 10): BLUE slots only
                Map.entry("elbv2:DescribeLoadBalancers", 1L),       // all names, up to 20 per call
                Map.entry("elbv2:DescribeListeners", 1L),           // per load balancer
                Map.entry("elbv2:DescribeRules", 2L),               // per listener with rules: :443 and :8443
                Map.entry("elbv2:DescribeTargetGroups", 1L),        // per load balancer
                Map.entry("route53:ListHostedZonesByName", 1L),     // per zone
                Map.entry("route53:ListResourceRecordSets", 1L),    // per zone (6 weighted records, one page)
                Map.entry("servicediscovery:ListNamespaces", 1L),
                Map.entry("servicediscovery:ListServices", 1L)),    // per namespace (6 services, one page)
                row.calls());
        assertEquals(13, row.total());
        // ceil(30/10) + 1 load balancer look-up + 1 listener set (listeners, 2 rule lists, target groups)
        // + the zone (look-up, records) + Cloud Map (namespaces, services): all but DescribeClusters
        assertEquals(3 + 1 + 4 + 2 + 2, row.minimum());
        assertTrue(row.ratio() <= 1.1, "ratio " + row.ratio());
    }

    @Test
    void describeServicesStaysAtTheMinimumAndNothingElseGrowsWithTheServices() {
        CallBenchmark.Row row = CallBenchmark.run(230);
        assertTrue(row.inSync());
        assertEquals(23, row.describeServices(), "ceil(230 / 10)");
        assertEquals(5, row.loadBalancers(), "207 ELB services, 50 per load balancer");
        assertEquals(0, row.calls().getOrDefault("ecs:DescribeTaskDefinition", 0L));
        assertEquals(0, row.calls().getOrDefault("application-autoscaling:DescribeScalableTargets", 0L));
        // per load balancer: listeners, 2 rule lists, target groups; per zone: the zone and its records;
        // Cloud Map: namespaces and the namespace's 46 services; plus the cluster and the load balancers
        assertEquals(23 + 5 * 4 + 2 + 2 + 1 + 1, row.total(), row.calls().toString());
        assertEquals(row.total() - 1, row.minimum(), "only DescribeClusters is above the minimum");
    }

    @Test
    void theTableShowsEveryRow() {
        String table = CallBenchmark.markdown(List.of(CallBenchmark.run(10), CallBenchmark.run(20)));
        assertTrue(table.startsWith("| services | load balancers |"), table);
        assertTrue(table.contains("| 10 | 1 | 1 | 1 | ecs:DescribeClusters 1, "), table);
        assertEquals(4, table.lines().count(), table);
    }
}
