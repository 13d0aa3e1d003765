package io.turnout.cli;

import io.turnout.cloud.CloudGateway;
import io.turnout.cloud.aws.AwsCloudGateway;
import io.turnout.cloud.sim.SimulatedCloud;
import io.turnout.cloud.sim.WorldFile;
import io.turnout.cloud.sim.WorldFileException;
import io.turnout.spec.EnvironmentSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --cloud} and {@code --world}: which cloud a command reads and changes. */
final class CloudOptions {
    enum Cloud { sim, aws }

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
    Cloud cloud;

    @Option(names = "--world", paramLabel = "FILE",
            description = "A SimulatedWorld file (e.g. specs-example/world.yaml) for --cloud sim.")
    Path world;

    /** A variable of the environment AWS settings are read from (the process's, or a test's). */
    Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }

    Cloud effectiveCloud() {
        return cloud != null ? cloud : world != null ? Cloud.sim : Cloud.aws;
    }

    /** The gateway for one environment; a {@link UserError} that says what to pass when the options do not fit. */
    CloudGateway gatewayFor(EnvironmentSpec environment) {
        return switch (effectiveCloud()) {
            case sim -> simulatedCloud().gatewayFor(environment);
            case aws -> {
                if (world != null) {
                    throw new UserError("--world is for the simulated cloud and cannot be used with --cloud aws",
                            "Drop --world, or use --cloud sim.");
                }
                // Region, credentials, role and endpoint overrides (AWS_ENDPOINT_URL…) come from the
                // environment spec and the process environment; the account guard runs before any read.
                AwsCloudGateway gateway = AwsCloudGateway.forEnvironment(environment, variables);
                gateway.checkAccount(environment);
                yield gateway;
            }
        };
    }

    SimulatedCloud simulatedCloud() {
        return simulatedCloud(InstantSource.system());
    }

    /** The world of {@code --world} on {@code clock} (apply passes a clock that its waits advance). */
    SimulatedCloud simulatedCloud(InstantSource clock) {
        if (world == null) {
            throw new UserError("--cloud sim needs --world FILE",
                    "Pass a SimulatedWorld file, e.g. --world specs-example/world.yaml.");
        }
        if (!Files.isRegularFile(world)) {
            throw new UserError("world file " + world + " does not exist", "Check the path given to --world.");
        }
        try {
            return WorldFile.read(world, clock);
        } catch (WorldFileException e) {
            throw new UserError(e.getMessage(), "Fix the world file; its format is described in specs-example/README.md.");
        }
    }
}
