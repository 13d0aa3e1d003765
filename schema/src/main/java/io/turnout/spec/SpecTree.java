package io.turnout.spec;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A whole, validated spec repository at one point in time: its environments and services,
 * each list sorted by name so that everything built from a tree is deterministic.
 */
public record SpecTree(List<EnvironmentSpec> environments, List<ServiceSpec> services) {
    public SpecTree {
        environments = environments.stream().sorted(Comparator.comparing(EnvironmentSpec::name)).toList();
        services = services.stream().sorted(Comparator.comparing(ServiceSpec::name)).toList();
    }

    public Optional<EnvironmentSpec> environment(String name) {
        return environments.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Optional<ServiceSpec> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The services that run in {@code environment}, overrides applied, sorted by name. */
    public List<EffectiveService> servicesIn(EnvironmentSpec environment) {
        return services.stream()
                .filter(s -> s.environments().contains(environment.name()))
                .map(s -> s.forEnvironment(environment))
                .toList();
    }
}
