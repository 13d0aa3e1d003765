package io.turnout.bench;

import io.turnout.cloud.CallStats;
import io.turnout.live.BatchedLiveStateReader;
import io.turnout.live.LiveState;
import io.turnout.live.ReadThrottle;
import io.turnout.plan.Plan;
import io.turnout.plan.Planner;
import io.turnout.plan.SlotTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Counts the AWS calls of one no-op reconcile (read the live state, plan) of a
 * {@link SyntheticEstate}, next to the minimum AWS's APIs allow ({@link AwsMinimum}).
 */
public final class CallBenchmark {
    private CallBenchmark() {}

    /** One row: the counts for {@code services} services. */
    public record Row(int services, int loadBalancers, int hostedZones, Map<String, Long> calls, boolean inSync,
                      AwsMinimum awsMinimum) {
        public long total() {
            return calls.values().stream().mapToLong(Long::longValue).sum();
        }

        public long describeServices() {
            return calls.getOrDefault("ecs:DescribeServices", 0L);
        }

        /** {@link AwsMinimum}: ceil(N / 10) DescribeServices + one listener set per load balancer + zone and Cloud Map reads. */
        public long minimum() {
            return awsMinimum.total();
        }

        public double ratio() {
            return (double) total() / minimum();
        }
    }

    public static Row run(int services) {
        SyntheticEstate estate = SyntheticEstate.of(services);
        CallStats stats = estate.gateway().stats();
        stats.reset();
        LiveState live = new BatchedLiveStateReader(estate.gateway(), ReadThrottle.unlimited(), SlotTags::runsDesired).read(estate.environment(), estate.specs());
        Plan plan = new Planner().plan(estate.environment(), estate.specs().servicesIn(estate.environment()), live,
                Optional.empty());
        return new Row(services, estate.loadBalancers(), estate.hostedZones(), new TreeMap<>(stats.snapshot()),
                plan.inSync(), AwsMinimum.of(estate));
    }

    /** The rows as a Markdown table. */
    public static String markdown(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| services | load balancers | zones | ecs:DescribeServices | other calls | total | minimum | total / minimum |\n");
        out.append("| ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |\n");
        for (Row r : rows) {
            Map<String, Long> others = new TreeMap<>(r.calls());
            others.remove("ecs:DescribeServices");
            String other = others.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            out.append("| ").append(r.services()).append(" | ").append(r.loadBalancers()).append(" | ")
                    .append(r.hostedZones()).append(" | ").append(r.describeServices()).append(" | ").append(other)
                    .append(" | ").append(r.total()).append(" | ").append(r.minimum()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", r.ratio())).append(" |\n");
        }
        List<String> notInSync = new ArrayList<>();
        rows.stream().filter(r -> !r.inSync()).forEach(r -> notInSync.add(Integer.toString(r.services())));
        if (!notInSync.isEmpty()) {
            out.append("\nWarning: the plan was not a no-op for ").append(String.join(", ", notInSync))
                    .append(" services; the counts include what planning a change reads.\n");
        }
        return out.toString();
    }
}
