package io.turnout.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.turnout.live.ArchitectureFixtureLive;
import io.turnout.plan.ArchitectureFixturePlan;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules ({@link ArchitectureRules}) hold for Turnout's main classes — and, so
 * that a rule that can never fail does not pass for one that holds, each of them fails on
 * fixtures that break it on purpose: {@link ArchitectureFixtureLive} (in {@code io.turnout.live},
 * test sources only) imports the planner above it, which imports it back, and uses the AWS SDK,
 * JGit, Micronaut, Quartz, JDBC, the database libraries and the benchmarks from where none of them belongs.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.turnout");

    private static final JavaClasses FIXTURES = new ClassFileImporter()
            .importClasses(ArchitectureFixtureLive.class, ArchitectureFixturePlan.class);

    @Test
    void theMainClassesAreThere() {
        // an import that found nothing would make every rule below pass
        assertTrue(MAIN.contain("io.turnout.reconcile.EnvironmentReconciler"));
        assertTrue(MAIN.contain("io.turnout.spec.SpecTree"), "the schema module's model is checked too");
        assertFalse(MAIN.contain(ArchitectureFixtureLive.class), "test classes are not part of the architecture");
    }

    @Test
    void layersNeverImportUpwards() {
        ArchitectureRules.layersNeverImportUpwards().check(MAIN);
    }

    @Test
    void noCyclesBetweenAreasNorPackages() {
        ArchitectureRules.noCyclesBetweenAreas().check(MAIN);
        ArchitectureRules.noCyclesBetweenPackages().check(MAIN);
    }

    @Test
    void eachLibraryWhereItBelongs() {
        ArchitectureRules.micronautOnlyInTheRuntime().check(MAIN);
        ArchitectureRules.awsSdkOnlyInTheAwsGateway().check(MAIN);
        ArchitectureRules.jgitOnlyInTheSpecSource().check(MAIN);
        ArchitectureRules.quartzOnlyInTheSchedule().check(MAIN);
        ArchitectureRules.benchmarksOnlyFromTheCommandLine().check(MAIN);
        ArchitectureRules.jdbcOnlyInTheStateStoreAndTheSchedule().check(MAIN);
        ArchitectureRules.databaseLibrariesOnlyInTheStateStore().check(MAIN);
    }

    @Test
    void everyRuleFailsOnAFixtureThatBreaksIt() {
        for (ArchRule rule : ArchitectureRules.all()) {
            EvaluationResult result = rule.evaluate(FIXTURES);
            assertTrue(result.hasViolation(), () -> "not caught: " + rule.getDescription());
        }
    }

    @Test
    void theFixtureViolationsAreTheIntendedOnes() {
        String layers = ArchitectureRules.layersNeverImportUpwards().evaluate(FIXTURES).getFailureReport().toString();
        assertTrue(layers.contains("ArchitectureFixtureLive") && layers.contains("ArchitectureFixturePlan"), layers);
        String cycles = ArchitectureRules.noCyclesBetweenAreas().evaluate(FIXTURES).getFailureReport().toString();
        assertTrue(cycles.contains("live") && cycles.contains("plan"), cycles);
        String sdk = ArchitectureRules.awsSdkOnlyInTheAwsGateway().evaluate(FIXTURES).getFailureReport().toString();
        assertTrue(sdk.contains("software.amazon.awssdk"), sdk);
    }
}
