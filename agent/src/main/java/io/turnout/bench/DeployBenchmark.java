package io.turnout.bench;

import io.turnout.apply.ApplyResult;
import io.turnout.apply.Progress;
import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.budget.WriteBudget;
import io.turnout.cloud.sim.SimulatedCloudAccess;
import io.turnout.events.DeploymentEvents;
import io.turnout.live.BatchedLiveStateReader;
import io.turnout.live.LiveState;
import io.turnout.live.ReadThrottle;
import io.turnout.pipeline.Deployments;
import io.turnout.plan.Plan;
import io.turnout.plan.Planner;
import io.turnout.plan.SlotTags;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SpecTree;
import io.turnout.state.EnvironmentLease;
import io.turnout.state.sql.SqlStateStore;
import io.turnout.state.sql.StateStoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How long a commit that changes N services of the {@link SyntheticEstate} takes to deploy on the
 * simulated cloud, the way the agent deploys it ({@link Deployments}: the journal in the embedded state store under the environment's lease, write budgets
 * of the account on the simulated cloud's virtual clock), with {@code deployment.maxParallel} = N:
 * the simulated duration (virtual clock), the wall time, the AWS calls by operation (mutating ones
 * apart) and the floor — one service's deployment time plus the least time the write budgets allow
 * for that many mutating calls ({@link WriteBudget#minimumTime}) — and the ratio to it.
 */
public final class DeployBenchmark {
    private DeployBenchmark() {
    }

    /** One size's measurements; {@code result} says whether every service was applied. */
    public record Row(int services, ApplyResult.Status result, long applied, Duration simulated, Duration wall,
                      Map<String, Long> calls, Map<String, Long> mutating, Duration budgetsImpose, String bindingBudget) {
        public long mutatingTotal() {
            return mutating.values().stream().mapToLong(Long::longValue).sum();
        }

        public long readTotal() {
            return calls.values().stream().mapToLong(Long::longValue).sum() - mutatingTotal();
        }

        /** One service's deployment time plus the time the write budgets impose on this many mutating calls. */
        public Duration floor(Duration oneService) {
            return oneService.plus(budgetsImpose);
        }

        public double ratio(Duration oneService) {
            return (double) simulated.toMillis() / floor(oneService).toMillis();
        }
    }

    /** Deploys a new image to all {@code services} services of a fresh estate; {@code work} holds the state store. */
    public static Row run(int services, Path work) {
        SyntheticEstate estate = SyntheticEstate.of(services);
        SpecTree tree = estate.withNewImage(services, services);
        EnvironmentSpec environment = tree.environments().getFirst();
        try (SimulatedCloudAccess cloud = new SimulatedCloudAccess(estate.cloud(), estate.clock(), estate.clock(), Optional.empty());
             SqlStateStore store = StateStoreSettings.embedded(work.resolve("store-" + services))
                     .open(StateStoreSettings.owner("turnout bench deploy"));
             EnvironmentLease lease = store.lease(environment.name())) {
            CloudGateway gateway = cloud.gatewayFor(environment);
            // planning is not what is measured here: read without the read budgets' waits
            LiveState live = new BatchedLiveStateReader(gateway, ReadThrottle.unlimited(), SlotTags::runsDesired).read(environment, tree);
            Plan plan = new Planner().plan(environment, tree.servicesIn(environment), live, Optional.of("bench"));
            Map<String, Long> before = gateway.stats().snapshot();
            Deployments deployments = new Deployments(cloud, store, new DeploymentEvents(), InstantSource.system());
            Instant virtualStart = estate.clock().instant();
            long wallStart = System.nanoTime();
            ApplyResult result = deployments.apply(environment, plan, live, Progress.silent(), Instant.now());
            Duration wall = Duration.ofNanos(System.nanoTime() - wallStart);
            Duration simulated = Duration.between(virtualStart, estate.clock().instant());
            Map<String, Long> calls = new TreeMap<>();
            gateway.stats().snapshot().forEach((op, n) -> {
                long made = n - before.getOrDefault(op, 0L);
                if (made > 0) calls.put(op, made);
            });
            Map<String, Long> mutating = new TreeMap<>();
            calls.forEach((op, n) -> {
                if (WriteBudget.mutating(WriteBudget.AWS_DEFAULTS, op)) mutating.put(op, n);
            });
            Duration imposed = Duration.ZERO;
            String binding = "none";
            for (WriteBudget budget : WriteBudget.AWS_DEFAULTS) {
                long n = mutating.entrySet().stream().filter(e -> budget.operations().contains(e.getKey()))
                        .mapToLong(Map.Entry::getValue).sum();
                Duration least = budget.minimumTime(n);
                if (least.compareTo(imposed) > 0) {
                    imposed = least;
                    binding = budget.name() + " (" + n + " calls at " + budget.burst() + " + " + (long) budget.ratePerSecond() + "/s)";
                }
            }
            return new Row(services, result.status(), result.services().stream().filter(s -> s.applied()).count(), simulated, wall,
                    calls, mutating, imposed, binding);
        }
    }
}
