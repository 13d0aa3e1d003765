package io.turnout.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.turnout.spec.SpecTree;
import io.turnout.spec.load.LoadResult;
import io.turnout.spec.load.SpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which environments a change touches, on copies of specs-example. */
class TouchedEnvironmentsTest {
    @TempDir
    Path tmp;
    Path specs;
    SpecTree base;

    @BeforeEach
    void copy() {
        specs = io.turnout.apply.SimWorldCopy.copy(Path.of("../specs-example"), tmp.resolve("specs"));
        base = load();
    }

    SpecTree load() {
        LoadResult result = SpecLoader.load(specs);
        return result.tree().orElseThrow(() -> new AssertionError(result.problems()));
    }

    void edit(String file, String from, String to) throws IOException {
        Path path = specs.resolve(file);
        String text = Files.readString(path);
        if (!text.contains(from)) throw new AssertionError(file + " lacks " + from);
        Files.writeString(path, text.replace(from, to));
    }

    @Test
    void nothingChangedTouchesNothingAndNoBaseTouchesAll() {
        assertEquals(List.of(), TouchedEnvironments.between(Optional.of(base), load()).environments());
        assertEquals(List.of("production", "staging"), TouchedEnvironments.between(Optional.empty(), load()).environments());
    }

    @Test
    void commentsAndKeyOrderTouchNothing() throws IOException {
        edit("environments/production.yaml", "cluster: production", "cluster: production   # the prod cluster");
        edit("services/web/service.yaml", "kind: Service", "kind: Service\n# a comment line shifts every line below");
        assertEquals(List.of(), TouchedEnvironments.between(Optional.of(base), load()).environments());
    }

    @Test
    void anOverrideTouchesOnlyItsEnvironment() throws IOException {
        edit("services/web/service.yaml", "desiredCount: 4", "desiredCount: 5");
        assertEquals(List.of("production"), TouchedEnvironments.between(Optional.of(base), load()).environments());
    }

    @Test
    void aSharedTaskDefinitionTouchesEveryEnvironmentOfTheService() throws IOException {
        edit("services/web/web.taskdef.json", "nginx:1.27", "nginx:1.28");
        assertEquals(List.of("production", "staging"), TouchedEnvironments.between(Optional.of(base), load()).environments());
    }

    @Test
    void anEnvironmentSettingTouchesThatEnvironment() throws IOException {
        edit("environments/staging.yaml", "policy: auto-apply", "policy: plan-only");
        assertEquals(List.of("staging"), TouchedEnvironments.between(Optional.of(base), load()).environments());
    }

    @Test
    void aServiceLeavingAnEnvironmentTouchesItAndARemovedEnvironmentIsReported() throws IOException {
        edit("services/mailer/service.yaml", "environments: [staging, production]", "environments: [production]");
        assertEquals(List.of("staging"), TouchedEnvironments.between(Optional.of(base), load()).environments());
        TouchedEnvironments fewer = TouchedEnvironments.between(Optional.of(base),
                new SpecTree(base.environments().stream().filter(e -> e.name().equals("production")).toList(), List.of()));
        assertEquals(List.of("staging"), fewer.removed());
    }
}
