package io.turnout.cli;

import io.turnout.error.TurnoutException;
import io.turnout.state.StateExport;
import io.turnout.state.StateJson;
import io.turnout.state.StateStore;
import io.turnout.state.sql.StateStoreSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;

/** {@code turnout state}: what the agent's state store holds. */
@Command(name = "state", mixinStandardHelpOptions = true, subcommands = StateCommand.Export.class,
        description = "Read the agent's state store (journals, history, drift baselines, status).")
final class StateCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code turnout state export}: everything the store holds, as JSON, for support. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write everything the state store holds as one JSON document (for support, or to move it):",
                    "per environment its lease, status, drift baseline, unfinished journal and history."},
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:written", "1:the store cannot be read"})
    static final class Export implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "The agent's data directory, whose state.db is read (default: ~/.turnout/agent).")
        Path dataDir = Path.of(System.getProperty("user.home"), ".turnout", "agent");

        @Mixin
        StateOptions state;

        @Option(names = {"-e", "--env"}, paramLabel = "ENV", description = "Only these environments (repeatable; default: all).")
        List<String> environments = List.of();

        @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
        Path out;

        @Override
        public Integer call() {
            if (state.url().isEmpty() && !Files.isRegularFile(dataDir.resolve("state.db"))) {
                throw new TurnoutException("no state store in " + dataDir + " (no state.db)",
                        "Pass the agent's data directory with --data-dir, or its PostgreSQL with --datasource.");
            }
            String json;
            try (StateStore store = state.open(dataDir, StateStoreSettings.owner("turnout state export by " + System.getProperty("user.name")))) {
                json = StateJson.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(StateExport.of(store, environments, Instant.now())) + "\n";
            }
            if (out == null) {
                PrintWriter stdout = spec.commandLine().getOut();
                stdout.print(json);
                stdout.flush();
                return ExitCodes.OK;
            }
            try {
                Files.writeString(out, json);
            } catch (IOException e) {
                throw new TurnoutException("cannot write " + out + ": " + e.getMessage(), "Check that the folder exists and is writable.");
            }
            spec.commandLine().getErr().println("Wrote the state store to " + out);
            return ExitCodes.OK;
        }
    }
}
