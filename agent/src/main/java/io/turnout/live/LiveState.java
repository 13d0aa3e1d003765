package io.turnout.live;

import java.util.List;
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
 * @param problems      missing infrastructure that several services share (a load balancer, a hosted
 *                      zone, a Cloud Map namespace), each named once; every service it blocks carries
 *                      the same text among its own problems. A missing cluster is {@code clusterExists}.
 */
public record LiveState(String environment, String cluster, boolean clusterExists, Map<String, LiveService> services,
                        List<String> problems) {
    public LiveState {
        services = Map.copyOf(new TreeMap<>(services));
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public LiveState(String environment, String cluster, boolean clusterExists, Map<String, LiveService> services) {
        this(environment, cluster, clusterExists, services, List.of());
    }

    public Optional<LiveService> service(String name) {
        return Optional.ofNullable(services.get(name));
    }
}
