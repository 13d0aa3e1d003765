package io.turnout.pipeline;

import io.turnout.cloud.CloudAccess;
import io.turnout.cloud.aws.AwsCloudAccess;
import io.turnout.cloud.sim.SimulatedCloudAccess;
import io.turnout.error.TurnoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The one place a cloud is opened for environments, by the command line and the agent alike:
 * AWS through the SDK (the environment's region, credentials from the default chain, role and
 * account guard, endpoints from {@code variables}), or the simulated cloud of a world file, set up
 * for what the caller does with it.
 */
public final class CloudOpener {
    private CloudOpener() {
    }

    /** What the cloud is opened for: how the simulated cloud runs its clock and whether it saves its world. */
    public enum Use {
        /** Planning: reads only; the simulated world runs on the wall clock and is never saved. */
        PLAN,
        /** One deployment from the command line: waits advance a virtual clock; the caller saves the world back. */
        APPLY,
        /**
         * The agent: the world is copied into the data directory (the file in the repository is never
         * modified) and saved there after every deployment; its virtual clock catches up with the wall clock.
         */
        AGENT
    }

    /**
     * @param world     the world file, required for {@link CloudKind#SIM}
     * @param dataDir   the agent's data directory (only {@link Use#AGENT} uses it)
     * @param variables where AWS settings are read from: the process environment, or a test's map
     */
    public static CloudAccess open(CloudKind kind, Optional<Path> world, Use use, Path dataDir, Map<String, String> variables) {
        return switch (kind) {
            case AWS -> new AwsCloudAccess(variables);
            case SIM -> {
                Path file = world.orElseThrow(() -> new TurnoutException("the simulated cloud needs a world file",
                        "Pass --world FILE (turnout.agent.world in the agent's configuration), e.g. specs-example/world.yaml."));
                if (!Files.isRegularFile(file)) {
                    throw new TurnoutException("world file " + file + " does not exist", "Check the path given to --world.");
                }
                yield switch (use) {
                    case PLAN -> SimulatedCloudAccess.reading(file);
                    case APPLY -> SimulatedCloudAccess.replaying(file);
                    case AGENT -> SimulatedCloudAccess.copyInto(file, dataDir);
                };
            }
        };
    }
}
