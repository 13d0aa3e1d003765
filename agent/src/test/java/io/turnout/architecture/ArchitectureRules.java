package io.turnout.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.List;

/**
 * The architecture of Turnout as rules (DESIGN.md, "Layout"; README, "Layout"): packages layered
 * from the command line down to the spec model, never importing upwards; no cycles, neither
 * between areas ({@code io.turnout.<area>..}) nor between single packages; each library where it
 * belongs. {@link ArchitectureTest} checks them against the main classes in {@code mvn verify},
 * and shows on fixtures that each rule does fail.
 */
final class ArchitectureRules {
    private ArchitectureRules() {
    }

    /** A layer: a name and its packages. */
    record Layer(String name, String... packages) {
    }

    /** Top to bottom: each layer may use only the layers below it. */
    static final List<Layer> LAYERS = List.of(
            new Layer("command line", "io.turnout.cli.."),
            new Layer("runtime (Micronaut, HTTP)", "io.turnout.agent.."),
            new Layer("schedule", "io.turnout.schedule.."),
            new Layer("reconcile core", "io.turnout.reconcile.."),
            new Layer("benchmarks", "io.turnout.bench.."),
            new Layer("ledger, metrics, log and notifications", "io.turnout.ledger..", "io.turnout.metrics..", "io.turnout.eventlog..",
                    "io.turnout.notify.."),
            new Layer("pipeline", "io.turnout.pipeline.."),
            new Layer("import", "io.turnout.importer.."),
            new Layer("deployment events", "io.turnout.events.."),
            new Layer("apply", "io.turnout.apply.."),
            new Layer("state store", "io.turnout.state.."),
            new Layer("status model", "io.turnout.status.."),
            new Layer("render", "io.turnout.render.."),
            new Layer("review host", "io.turnout.review.."),
            new Layer("plan", "io.turnout.plan.."),
            new Layer("live", "io.turnout.live.."),
            new Layer("diff", "io.turnout.diff.."),
            new Layer("spec source", "io.turnout.source.."),
            new Layer("cloud gateway", "io.turnout.cloud.."),
            new Layer("text", "io.turnout.text.."),
            new Layer("time", "io.turnout.time.."),
            new Layer("errors", "io.turnout.error.."),
            new Layer("spec model", "io.turnout.spec.."));

    /** Every layer uses only the layers below it (and itself). */
    static ArchRule layersNeverImportUpwards() {
        LayeredArchitecture architecture = layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true);
        for (Layer layer : LAYERS) architecture = architecture.layer(layer.name()).definedBy(layer.packages());
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            String[] below = LAYERS.subList(i + 1, LAYERS.size()).stream().map(Layer::name).toArray(String[]::new);
            architecture = architecture.whereLayer(LAYERS.get(i).name()).mayOnlyAccessLayers(below);
        }
        return architecture.whereLayer(LAYERS.getLast().name()).mayNotAccessAnyLayer()
                .because("packages are layered and never import upwards (DESIGN.md, Layout)");
    }

    /** No cycles between areas: {@code io.turnout.source} and {@code io.turnout.source.mark} are one area. */
    static ArchRule noCyclesBetweenAreas() {
        return slices().matching("io.turnout.(*)..").should().beFreeOfCycles();
    }

    /** No cycles between single packages either. */
    static ArchRule noCyclesBetweenPackages() {
        return slices().matching("io.turnout.(**)").should().beFreeOfCycles();
    }

    static ArchRule micronautOnlyInTheRuntime() {
        return noClasses().that().resideOutsideOfPackage("io.turnout.agent..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..")
                .because("Micronaut is the runtime's: the wiring and the HTTP surface (io.turnout.agent..)");
    }

    static ArchRule awsSdkOnlyInTheAwsGateway() {
        return noClasses().that().resideOutsideOfPackage("io.turnout.cloud.aws..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..")
                .because("everything else talks to AWS through the cloud gateway (io.turnout.cloud)");
    }

    static ArchRule jgitOnlyInTheSpecSource() {
        return noClasses().that().resideOutsideOfPackage("io.turnout.source..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jgit..")
                .because("everything else reads specs and moves tags through the spec source and committed-state ports");
    }

    static ArchRule quartzOnlyInTheSchedule() {
        return noClasses().that().resideOutsideOfPackages("io.turnout.schedule..", "io.turnout.agent.runtime..")
                .should().dependOnClassesThat().resideInAnyPackage("org.quartz..")
                .because("when reconciles run is the scheduler's business (started by the runtime)");
    }

    /** JDBC: the database state store, and Quartz's job store (which the scheduler hands the store's pool). */
    static ArchRule jdbcOnlyInTheStateStoreAndTheSchedule() {
        return noClasses().that().resideOutsideOfPackages("io.turnout.state.sql..", "io.turnout.schedule..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                .because("everything else keeps state through the state store port (io.turnout.state)");
    }

    /** The pool, the migrations and the drivers are the database store's own. */
    static ArchRule databaseLibrariesOnlyInTheStateStore() {
        return noClasses().that().resideOutsideOfPackage("io.turnout.state.sql..")
                .should().dependOnClassesThat().resideInAnyPackage("com.zaxxer.hikari..", "org.flywaydb..", "org.sqlite..", "org.postgresql..")
                .because("which database holds the state is the state store's business (io.turnout.state.sql)");
    }

    static ArchRule benchmarksOnlyFromTheCommandLine() {
        return noClasses().that().resideOutsideOfPackages("io.turnout.cli..", "io.turnout.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("io.turnout.bench..")
                .because("the benchmarks (and their naive per-service reader) are not part of the agent: only turnout bench reaches them");
    }

    static List<ArchRule> all() {
        return List.of(layersNeverImportUpwards(), noCyclesBetweenAreas(), noCyclesBetweenPackages(), micronautOnlyInTheRuntime(),
                awsSdkOnlyInTheAwsGateway(), jgitOnlyInTheSpecSource(), quartzOnlyInTheSchedule(), benchmarksOnlyFromTheCommandLine(),
                jdbcOnlyInTheStateStoreAndTheSchedule(), databaseLibrariesOnlyInTheStateStore());
    }
}
