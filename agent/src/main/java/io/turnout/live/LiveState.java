package io.turnout.live;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One environment as AWS has it now.
 *
 * @param environment   the environment name
 * @param cluster       the ECS cluster name from the environment spec
 * @param clusterExists whether DescribeClusters found it ACTIVE
 * @param services      by Turnout service name: every service of the spec tree in this environment,
 *                      plus any service tagged for this environment that the specs no longer name
 */
public record LiveState(String environment, String cluster, boolean clusterExists, Map<String, LiveService> services) {
    public LiveState {
        services = Map.copyOf(new TreeMap<>(services));
    }

    public Optional<LiveService> service(String name) {
        return Optional.ofNullable(services.get(name));
    }
}
