package io.turnout.state;

import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.ServiceOverride;
import io.turnout.spec.ServiceSpec;
import io.turnout.spec.SpecTree;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What is known to be live in an environment: the commit last applied (or found live) and its
 * specs, already parsed, against which every poll without a new commit checks for drift.
 */
public record DriftBaseline(String commit, SpecTree specs) {
    public DriftBaseline {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(specs, "specs");
    }

    /**
     * The baseline of {@code environment} at {@code commit}: the tree cut down to that environment
     * and the services that run in it, each with that environment's override only — the effective
     * specs, so that a store keeps per environment what concerns it and nothing else. Planning
     * {@code environment} against the cut tree gives what planning it against the whole tree gives.
     */
    public static DriftBaseline of(String commit, SpecTree tree, EnvironmentSpec environment) {
        String name = environment.name();
        List<ServiceSpec> services = tree.services().stream()
                .filter(s -> s.environments().contains(name))
                .map(s -> new ServiceSpec(s.name(), s.source(), List.of(name), s.taskDefinition(), s.service(), s.strategy(),
                        onlyFor(s.overrides(), name), s.hooks(), s.dependsOn()))
                .toList();
        return new DriftBaseline(commit, new SpecTree(List.of(environment), services));
    }

    private static Map<String, ServiceOverride> onlyFor(Map<String, ServiceOverride> overrides, String environment) {
        ServiceOverride override = overrides.get(environment);
        return override == null ? Map.of() : Map.of(environment, override);
    }
}
