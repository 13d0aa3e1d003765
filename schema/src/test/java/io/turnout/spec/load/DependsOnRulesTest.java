package io.turnout.spec.load;

import static io.turnout.spec.load.Fixtures.describe;
import static io.turnout.spec.load.Fixtures.problemContaining;
import static io.turnout.spec.load.Fixtures.problems;
import static io.turnout.spec.load.Fixtures.repo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SpecProblem;
import io.turnout.spec.SpecTree;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code dependsOn} and {@code deployment.maxParallel}: read into the model (overrides per
 * environment), and every way to get the order wrong — an unknown name, the service itself, a
 * service of another environment, a cycle — is a problem at the list entry to change.
 */
class DependsOnRulesTest {
    static final String WEB = "services/web/service.yaml";
    static final String CATALOG = "services/catalog/service.yaml";

    /** web with {@code dependsOn} written after its environments (line 6). */
    static MemorySpecFiles webDependsOn(String list, String overrides) {
        String web = Fixtures.WEB.replace("  environments: [staging, production]\n",
                "  environments: [staging, production]\n  dependsOn: " + list + "\n") + overrides;
        return repo().with(WEB, web);
    }

    static MemorySpecFiles catalogDependsOn(MemorySpecFiles files, String list) {
        return files.with(CATALOG, Fixtures.CATALOG.replace("  environments: [production]\n",
                "  environments: [production]\n  dependsOn: " + list + "\n"));
    }

    static SpecTree tree(MemorySpecFiles files) {
        LoadResult result = Fixtures.load(files);
        assertTrue(result.isValid(), () -> describe(result.problems()));
        return result.tree().orElseThrow();
    }

    static List<String> dependsOn(SpecTree tree, String service, String environment) {
        EnvironmentSpec env = tree.environment(environment).orElseThrow();
        return tree.service(service).orElseThrow().forEnvironment(env).dependsOn();
    }

    @Test
    void dependsOnIsReadPerEnvironmentWithOverridesReplacingTheList() {
        SpecTree tree = tree(catalogDependsOn(webDependsOn("[]", "  overrides:\n    production: {dependsOn: [catalog]}\n"), "[]"));

        assertEquals(List.of("catalog"), dependsOn(tree, "web", "production"));
        assertEquals(List.of(), dependsOn(tree, "web", "staging"));
        assertEquals(List.of(), dependsOn(tree, "catalog", "production"));
    }

    @Test
    void maxParallelDefaultsToTenAndIsReadFromTheEnvironment() {
        SpecTree tree = tree(repo().with("environments/production.yaml", Fixtures.PRODUCTION + "  deployment: {maxParallel: 25}\n"));

        assertEquals(25, tree.environment("production").orElseThrow().deployment().maxParallel());
        assertEquals(10, tree.environment("staging").orElseThrow().deployment().maxParallel());
    }

    @Test
    void maxParallelBelowOneIsRefusedByTheSchema() {
        List<SpecProblem> problems = problems(repo().with("environments/production.yaml",
                Fixtures.PRODUCTION + "  deployment: {maxParallel: 0}\n"));

        SpecProblem p = problemContaining(problems, "maxParallel");
        assertEquals("environments/production.yaml:7:29", p.location().toString(), describe(problems));
    }

    @Test
    void anUnknownNameIsAProblemAtItsEntryWithASuggestion() {
        List<SpecProblem> problems = problems(webDependsOn("[catalgo]", ""));

        SpecProblem p = problemContaining(problems, "unknown service 'catalgo' in dependsOn");
        assertEquals(WEB + ":6:15", p.location().toString(), describe(problems));
        assertTrue(p.describe().contains("Did you mean 'catalog'?"), p.describe());
        assertEquals(1, problems.size(), describe(problems));
    }

    @Test
    void aServiceCannotDependOnItself() {
        List<SpecProblem> problems = problems(webDependsOn("[web]", ""));

        SpecProblem p = problemContaining(problems, "service 'web' depends on itself");
        assertEquals(WEB + ":6:15", p.location().toString());
    }

    @Test
    void aDependencyMustRunInTheSameEnvironmentAndTheFixSaysHowToOverrideIt() {
        // catalog runs in production only; web runs in staging too, where it cannot wait for catalog
        List<SpecProblem> problems = problems(webDependsOn("[catalog]", ""));

        SpecProblem p = problemContaining(problems, "service 'catalog' does not run in environment 'staging'");
        assertEquals(WEB + ":6:15", p.location().toString());
        assertTrue(p.describe().contains("override for 'staging' with its own dependsOn"), p.describe());
        assertEquals(1, problems.size(), describe(problems));

        Fixtures.assertValid(webDependsOn("[catalog]", "  overrides:\n    staging: {dependsOn: []}\n"));
    }

    @Test
    void aCycleIsOneProblemNamingEveryServiceInIt() {
        MemorySpecFiles files = catalogDependsOn(webDependsOn("[catalog]", "  overrides:\n    staging: {dependsOn: []}\n"), "[web]");

        List<SpecProblem> problems = problems(files);

        SpecProblem p = problemContaining(problems, "dependsOn makes a cycle in environment 'production': catalog → web → catalog");
        assertEquals(CATALOG + ":6:15", p.location().toString(), describe(problems));
        assertEquals(1, problems.size(), describe(problems));
    }

    @Test
    void aLongerCycleThroughAnOverrideIsFoundAtTheOverridesEntry() {
        String orders = """
                apiVersion: turnout/v1
                kind: Service
                metadata: {name: orders}
                spec:
                  environments: [production]
                  dependsOn: [catalog]
                  taskDefinition:
                    inline:
                      family: orders
                      containerDefinitions:
                        - {name: orders, image: "busybox:1.37", memoryReservation: 64}
                  strategy:
                    rolling: {}
                """;
        // production: web → orders → catalog → web; staging: web depends on nothing
        MemorySpecFiles files = catalogDependsOn(webDependsOn("[]", "  overrides:\n    production: {dependsOn: [orders]}\n"), "[web]")
                .with("services/orders/service.yaml", orders);

        List<SpecProblem> problems = problems(files);

        SpecProblem p = problemContaining(problems, "catalog → web → orders → catalog");
        assertEquals(CATALOG + ":6:15", p.location().toString(), describe(problems));
        assertEquals(1, problems.size(), describe(problems));
    }

    @Test
    void aRepeatedNameIsRefusedByTheSchema() {
        List<SpecProblem> problems = problems(webDependsOn("[catalog, catalog]", "  overrides:\n    staging: {dependsOn: []}\n"));

        assertTrue(describe(problems).contains("dependsOn"), describe(problems));
    }
}
