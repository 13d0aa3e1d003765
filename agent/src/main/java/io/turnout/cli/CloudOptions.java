package io.turnout.cli;

import io.turnout.cloud.CloudAccess;
import io.turnout.error.TurnoutException;
import io.turnout.pipeline.CloudKind;
import io.turnout.pipeline.CloudOpener;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --cloud} and {@code --world}: which cloud a command reads and changes. */
final class CloudOptions {
    /** The variables AWS settings are read from: the process environment, or a test's map. */
    private final Map<String, String> variables;

    CloudOptions() {
        this(System.getenv());
    }

    CloudOptions(Map<String, String> environment) {
        this.variables = Map.copyOf(environment);
    }

    @Option(names = "--cloud", paramLabel = "sim|aws",
            description = "Which cloud to talk to: 'sim' (the simulated cloud of --world) or 'aws'."
                    + " Default: sim when --world is given, else aws.")
    CloudKind cloud;

    @Option(names = "--world", paramLabel = "FILE",
            description = "A SimulatedWorld file (e.g. specs-example/world.yaml) for --cloud sim.")
    Path world;

    /** A variable of the environment AWS settings are read from (the process's, or a test's). */
    Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }

    CloudKind effectiveCloud() {
        return cloud != null ? cloud : world != null ? CloudKind.SIM : CloudKind.AWS;
    }

    /** Whether the options ask for the simulated cloud (with or without a world file). */
    boolean simulated() {
        return effectiveCloud() == CloudKind.SIM;
    }

    /** Checks that the options fit together; a {@link TurnoutException} that says what to pass when they do not. */
    void check() {
        if (simulated() && world == null) {
            throw new TurnoutException("--cloud sim needs --world FILE", "Pass a SimulatedWorld file, e.g. --world specs-example/world.yaml.");
        }
        if (!simulated() && world != null) {
            throw new TurnoutException("--world is for the simulated cloud and cannot be used with --cloud aws", "Drop --world, or use --cloud sim.");
        }
    }

    /**
     * The cloud, opened by the one {@link CloudOpener} for {@code use}: region, credentials, role and
     * endpoint overrides ({@code AWS_ENDPOINT_URL…}) come from the environment spec and the process
     * environment, and the account guard runs before any read.
     */
    CloudAccess open(CloudOpener.Use use) {
        check();
        return CloudOpener.open(effectiveCloud(), Optional.ofNullable(world), use, Path.of(".turnout"), variables);
    }
}
