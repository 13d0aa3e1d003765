package io.turnout.spec.load;

import io.turnout.spec.ServiceOverride;
import io.turnout.spec.SpecProblem;
import io.turnout.spec.load.LoadRun.LoadedEnvironment;
import io.turnout.spec.load.LoadRun.LoadedService;
import io.turnout.spec.load.MergedPlaces.Place;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Runs the AWS rules ({@link TaskDefinitionRules}, {@link ServiceSettingsRules}) on what each
 * service sends in each of its environments, and Turnout's own ({@link EnvironmentConflicts}).
 *
 * <p>A service is checked as written, then once per environment that overrides its task
 * definition or settings. A problem of the base is reported once, at the line that wrote it;
 * one that only the merge brings about is reported at the line that set the value (the
 * override's, or the base's) and names the environment.
 */
final class ServiceRules {
    private final List<LoadedEnvironment> environments;
    private final List<LoadedService> services;
    private final List<SpecProblem> problems = new ArrayList<>();

    ServiceRules(List<LoadedEnvironment> environments, List<LoadedService> services) {
        this.environments = environments;
        this.services = services;
    }

    List<SpecProblem> check() {
        Set<String> known = new HashSet<>();
        environments.forEach(e -> known.add(e.spec().name()));
        for (LoadedService s : services) {
            MergedPlaces td = MergedPlaces.of(s.taskDefinitionDoc(), s.taskDefinitionPointer());
            MergedPlaces settings = MergedPlaces.of(s.settingsDoc(), s.settingsPointer());
            Set<String> base = new HashSet<>();
            report(s, "", td, settings, base);
            for (String env : s.spec().environments()) {
                ServiceOverride o = s.spec().overrides().get(env);
                if (o == null || !known.contains(env) || (o.taskDefinition().isEmpty() && o.service().isEmpty())) continue;
                String prefix = "/spec/overrides/" + TreeReader.escape(env);
                MergedPlaces envTd = o.taskDefinition().isEmpty() ? td
                        : new MergedPlaces(td.base(), Optional.of(new Place(s.doc(), prefix + "/taskDefinition")));
                MergedPlaces envSettings = o.service().isEmpty() ? settings
                        : new MergedPlaces(settings.base(), Optional.of(new Place(s.doc(), prefix + "/service")));
                report(s, env, envTd, envSettings, base);
            }
        }
        problems.addAll(new EnvironmentConflicts(services).check());
        return problems;
    }

    /** @param base the problems found without overrides (place and message), filled on the first call */
    private void report(LoadedService s, String environment, MergedPlaces td, MergedPlaces settings, Set<String> base) {
        JsonNode tdDoc = td.merged();
        JsonNode settingsDoc = settings.merged();
        String settingsName = s.settingsDoc() == s.doc() ? "spec.service" : s.settingsDoc().path();
        List<Finding> findings = new ArrayList<>(TaskDefinitionRules.check(tdDoc));
        findings.addAll(ServiceSettingsRules.check(settingsDoc, tdDoc,
                s.spec().strategy(), s.doc().at("/spec/strategy/rolling"), settingsName));
        for (Finding f : findings) {
            Place place = switch (f.target()) {
                case TASK_DEFINITION -> td.of(f.pointer());
                case SETTINGS -> settings.of(f.pointer());
                case SPEC -> new Place(s.doc(), f.pointer());
            };
            String key = place.doc().path() + "#" + place.pointer() + "#" + f.message();
            if (environment.isEmpty()) {
                base.add(key);
            } else if (base.contains(key)) {
                continue;
            }
            String message = environment.isEmpty() ? f.message() : f.message() + " (in environment '" + environment + "', after overrides)";
            problems.add(new SpecProblem(place.location(), place.pointer(), message, f.fix()));
        }
    }
}
