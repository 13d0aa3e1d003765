package io.turnout.cloud.sim;

import io.turnout.cloud.CloudGateway;
import io.turnout.spec.EnvironmentSpec;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An in-memory AWS made of (account, region) partitions, each reachable through a
 * {@link CloudGateway} that behaves like the real one where Turnout depends on it: error
 * codes, defaults AWS adds, tasks and targets that take time to become ready, deployments
 * that complete or trip the circuit breaker, Route 53 changes that sync later.
 *
 * <p>Time only moves with the injected {@link InstantSource}; state catches up lazily on
 * each call, so nothing sleeps and a test advances a {@link ManualClock} instead.
 */
public final class SimulatedCloud {
    private final InstantSource clock;
    private final SimulationSettings settings;
    private final SimulatedFaults faults = new SimulatedFaults();
    private final Map<String, SimRegion> partitions = new TreeMap<>();

    public SimulatedCloud(InstantSource clock, SimulationSettings settings) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public SimulatedCloud(InstantSource clock) {
        this(clock, SimulationSettings.DEFAULT);
    }

    public InstantSource clock() {
        return clock;
    }

    public SimulationSettings settings() {
        return settings;
    }

    public SimulatedFaults faults() {
        return faults;
    }

    /** The partition of {@code account}/{@code region}, created empty on first use. */
    public synchronized SimRegion region(String account, String region) {
        if (account == null || !account.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("account must be 12 digits, was " + account);
        }
        Objects.requireNonNull(region, "region");
        return partitions.computeIfAbsent(key(account, region), k -> new SimRegion(this, account, region));
    }

    public synchronized Optional<SimRegion> findRegion(String account, String region) {
        return Optional.ofNullable(partitions.get(key(account, region)));
    }

    /** Every partition, by account then region. */
    public synchronized List<SimRegion> regions() {
        return List.copyOf(partitions.values());
    }

    /** The gateway of an existing partition; an error naming the partitions there are otherwise. */
    public CloudGateway gateway(String account, String region) {
        return findRegion(account, region).orElseThrow(() -> new IllegalArgumentException(
                "the simulated cloud has no partition " + account + "/" + region + " (it has " + describe()
                        + "); add it to the world file's spec.regions")).gateway();
    }

    /**
     * The gateway an environment talks to: its region and, when the environment names an
     * account, that account; without one, the only partition in that region.
     */
    public CloudGateway gatewayFor(EnvironmentSpec environment) {
        String region = environment.aws().region();
        Optional<String> account = environment.aws().accountId();
        if (account.isPresent()) return gateway(account.get(), region);
        List<SimRegion> inRegion = regions().stream().filter(r -> r.region().equals(region)).toList();
        if (inRegion.size() == 1) return inRegion.getFirst().gateway();
        throw new IllegalArgumentException("environment " + environment.name() + " does not set aws.accountId and the"
                + " simulated cloud has " + (inRegion.isEmpty() ? "no partition" : inRegion.size() + " partitions")
                + " in " + region + " (" + describe() + "); set aws.accountId in the environment spec");
    }

    /**
     * An HTTP GET through a simulated load balancer, found by its DNS name in any partition:
     * see {@link SimElb#answer}. Empty when no load balancer has that name or no listener
     * that port (a real client would get "connection refused"). Not an API call: no stats.
     */
    public Optional<SimHttpAnswer> http(String host, int port, String path) {
        for (SimRegion region : regions()) {
            Optional<SimHttpAnswer> answer = region.locked(() -> region.elb.answer(host, port, path));
            if (answer.isPresent()) return answer;
        }
        return Optional.empty();
    }

    private synchronized String describe() {
        return partitions.isEmpty() ? "none" : String.join(", ", partitions.values().stream().map(SimRegion::toString).toList());
    }

    private static String key(String account, String region) {
        return account + "/" + region;
    }
}
