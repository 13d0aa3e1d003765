package io.turnout.review;

import io.turnout.plan.SpecHash;
import io.turnout.spec.EffectiveService;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SpecTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which environments a change touches: those whose Environment file says something else (the
 * account, cluster, sync or deployment policy; not just its formatting or line numbers), or
 * any of whose services' effective spec (overrides applied) differs, compared by
 * {@link SpecHash} so that reformatting a file or reordering keys touches nothing.
 *
 * @param environments touched environments still in the specs, by name: the ones to plan
 * @param removed      environments the change deletes: nothing is planned for them (Turnout
 *                     leaves their services alone)
 */
public record TouchedEnvironments(List<String> environments, List<String> removed) {
    public TouchedEnvironments {
        environments = List.copyOf(environments);
        removed = List.copyOf(removed);
    }

    /** Every environment of {@code head} is touched when there is nothing to compare with. */
    public static TouchedEnvironments between(Optional<SpecTree> base, SpecTree head) {
        List<String> touched = new ArrayList<>();
        for (EnvironmentSpec env : head.environments()) {
            Optional<EnvironmentSpec> before = base.flatMap(b -> b.environment(env.name()));
            if (before.isEmpty() || !sameSettings(before.get(), env)
                    || !fingerprints(base.get(), before.get()).equals(fingerprints(head, env))) {
                touched.add(env.name());
            }
        }
        List<String> removed = base.map(b -> b.environments().stream().map(EnvironmentSpec::name)
                .filter(name -> head.environment(name).isEmpty()).toList()).orElse(List.of());
        return new TouchedEnvironments(touched, removed);
    }

    /** Everything an Environment file says, except where it says it. */
    private static boolean sameSettings(EnvironmentSpec a, EnvironmentSpec b) {
        return Objects.equals(a.aws(), b.aws()) && Objects.equals(a.cluster(), b.cluster())
                && Objects.equals(a.sync(), b.sync()) && Objects.equals(a.deployment(), b.deployment());
    }

    private static Map<String, String> fingerprints(SpecTree tree, EnvironmentSpec env) {
        Map<String, String> hashes = new TreeMap<>();
        for (EffectiveService service : tree.servicesIn(env)) hashes.put(service.name(), SpecHash.of(service));
        return hashes;
    }
}
