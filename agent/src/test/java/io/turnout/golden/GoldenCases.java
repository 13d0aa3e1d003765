package io.turnout.golden;

import io.turnout.live.LiveState;
import io.turnout.plan.Plan;
import io.turnout.plan.Planner;
import io.turnout.spec.EffectiveService;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SpecProblem;
import io.turnout.spec.SpecTree;
import io.turnout.spec.load.LoadResult;
import io.turnout.spec.load.SpecLoader;
import io.turnout.testing.LiveStateYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Where the golden cases live and how one is loaded and planned. See golden/README.md. */
final class GoldenCases {
    /** Relative to the agent module, where Maven runs tests, so that updates land in the sources. */
    static final Path ROOT = Path.of("src/test/resources/golden");
    /** The commit every golden plan is made for. */
    static final String COMMIT = "3f2c1d0";

    private GoldenCases() {}

    static List<Path> all() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    static SpecTree specs(Path specRoot) {
        LoadResult result = SpecLoader.load(specRoot);
        if (!result.isValid()) {
            throw new AssertionError("specs in " + specRoot + " do not load:\n" + result.problems().stream()
                    .map(SpecProblem::describe).collect(Collectors.joining("\n")));
        }
        return result.tree().orElseThrow();
    }

    static List<EffectiveService> services(SpecTree tree, String environment) {
        return tree.servicesIn(environment(tree, environment));
    }

    static EnvironmentSpec environment(SpecTree tree, String name) {
        return tree.environment(name).orElseThrow(() -> new AssertionError("no environment " + name + " in the specs"));
    }

    static Plan plan(Path caseDir) throws IOException {
        SpecTree tree = specs(caseDir.resolve("specs"));
        LiveState live = LiveStateYaml.read(caseDir.resolve("live.yaml"));
        EnvironmentSpec env = environment(tree, live.environment());
        return new Planner().plan(env, tree.servicesIn(env), live, Optional.of(COMMIT));
    }
}
