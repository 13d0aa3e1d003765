package io.turnout.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.turnout.plan.Plan;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SpecTree;
import io.turnout.state.DriftBaseline;
import io.turnout.state.StateJson;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the state store keeps as documents comes back equal: every golden plan (all step kinds,
 * changes, notes, problems) and every golden spec tree as a drift baseline — so that a pending plan
 * and a drift check read after a restart are the ones written before it.
 */
class StateJsonRoundTripTest {
    @Test
    void everyGoldenPlanComesBackEqual() throws Exception {
        List<Path> cases = GoldenCases.all();
        assertFalse(cases.isEmpty());
        for (Path dir : cases) {
            Plan plan = GoldenCases.plan(dir);
            assertEquals(plan, StateJson.plan(StateJson.write(plan)), dir.getFileName().toString());
        }
    }

    @Test
    void everyGoldenSpecTreeComesBackEqualAsADriftBaselineOfEachEnvironment() throws Exception {
        for (Path dir : GoldenCases.all()) {
            SpecTree tree = GoldenCases.specs(dir.resolve("specs"));
            for (EnvironmentSpec environment : tree.environments()) {
                DriftBaseline baseline = DriftBaseline.of("c1", tree, environment);
                assertEquals(baseline, StateJson.baseline(StateJson.write(baseline)), dir.getFileName() + "/" + environment.name());
                // the cut tree plans the environment as the whole tree does
                assertEquals(tree.servicesIn(environment), baseline.specs().servicesIn(environment));
            }
        }
    }

    @Test
    void theExampleSpecsComeBackEqual() {
        SpecTree tree = GoldenCases.specs(Path.of("..", "specs-example"));
        for (EnvironmentSpec environment : tree.environments()) {
            DriftBaseline baseline = DriftBaseline.of("c1", tree, environment);
            assertEquals(baseline, StateJson.baseline(StateJson.write(baseline)));
            assertEquals(tree.servicesIn(environment), baseline.specs().servicesIn(environment));
        }
    }
}
