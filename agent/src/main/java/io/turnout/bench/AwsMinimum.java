package io.turnout.bench;

/**
 * The fewest AWS calls that can observe a {@link SyntheticEstate} completely enough to call a
 * reconcile a no-op (every piece a drift could hide in is seen), given AWS's read APIs and their
 * batch and page sizes. The one definition the benchmarks divide by.
 *
 * <ul>
 *   <li>ECS: ceil(services / 10) DescribeServices (10 names per call, tags included): each
 *       service's BLUE slot, whose tags vouch for what it runs.</li>
 *   <li>ELB: ceil(load balancers / 20) DescribeLoadBalancers (name to ARN, 20 names per call;
 *       nothing else takes a name), then per load balancer one <em>listener set read</em>:
 *       DescribeListeners + DescribeRules of each listener the specs put rules on (one listener
 *       per call) + DescribeTargetGroups of the load balancer (target group ARN to name: which slot
 *       a rule forwards to).</li>
 *   <li>Route 53: per zone ListHostedZonesByName (name to id) + ListResourceRecordSets (300 per page).</li>
 *   <li>Cloud Map: ListNamespaces + ListServices of the namespace (100 per page): Cloud Map has no
 *       look-up by name, and both slots' Cloud Map services must still exist for a DNS service to be in sync.</li>
 * </ul>
 * Not in the minimum: DescribeClusters (the reader asks it to tell "no cluster" from "no services").
 */
public record AwsMinimum(long describeServices, long loadBalancerLookUps, long listenerSets, long zoneReads,
                         long cloudMapReads) {
    /** Calls of one listener set read in the estate: DescribeListeners, DescribeRules of :443 and :8443, DescribeTargetGroups. */
    public static final int LISTENER_SET_CALLS = 4;

    public static AwsMinimum of(SyntheticEstate estate) {
        int lbs = estate.loadBalancers();
        int dns = estate.dnsServices();
        long zoneRecords = dns == 0 ? 0 : 2 + 2L * dns; // the apex NS and SOA, two weighted records per service
        return new AwsMinimum(ceil(estate.services(), 10), ceil(lbs, 20), (long) lbs * LISTENER_SET_CALLS,
                estate.hostedZones() * (1 + Math.max(1, ceil(zoneRecords, 300))),
                dns == 0 ? 0 : 1 + Math.max(1, ceil(2L * dns, 100)));
    }

    public long total() {
        return describeServices + loadBalancerLookUps + listenerSets + zoneReads + cloudMapReads;
    }

    private static long ceil(long n, long per) {
        return (n + per - 1) / per;
    }
}
