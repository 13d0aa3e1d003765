package io.turnout.cli;

import io.turnout.events.DeploymentEvents;
import io.turnout.text.TerminalText;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code turnout}: the entry point of the jar. */
@Command(name = "turnout",
        mixinStandardHelpOptions = true,
        versionProvider = TurnoutVersion.class,
        description = "GitOps for Amazon ECS: validate specs, plan and apply blue/green deployments.",
        subcommands = {ValidateCommand.class, PlanCommand.class, ApplyCommand.class, ApproveCommand.class, ImportCommand.class,
                AgentCommand.class, StateCommand.class, BenchCommand.class, AotTrainingCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:valid, or in sync", "1:error (invalid specs, missing infrastructure, failed call, no or unknown command or option)",
                "2:changes pending (plan)"})
public final class TurnoutCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * "turnout" alone is a usage error like any other: the usage on stderr, and the usage exit
     * code, which is ERROR here (2 already means "changes pending" for plan, as in Terraform).
     */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("error: no command given.");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.ERROR;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /** A configured command line writing to {@code out}/{@code err}: what {@code main} runs, and what tests drive. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, System.getenv());
    }

    /**
     * As {@link #commandLine(PrintWriter, PrintWriter)}, with {@code environment} in place of the
     * process environment for everything {@code --cloud aws} reads (endpoints, credentials), so a
     * test can point the CLI at an emulator without changing the process environment.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> environment) {
        return commandLine(out, err, environment, new DeploymentEvents());
    }

    /**
     * As {@link #commandLine(PrintWriter, PrintWriter, Map)}, with {@code events} as the stream
     * {@code turnout apply} publishes its deployment events on (tests subscribe to it).
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> environment, DeploymentEvents events) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == CloudOptions.class) return type.cast(new CloudOptions(environment));
                K created = defaults.create(type);
                if (created instanceof ApplyCommand apply) apply.events = events;
                return created;
            }
        };
        CommandLine cl = new CommandLine(new TurnoutCommand(), factory);
        cl.setOut(out);
        // every error and problem goes to stderr, none of it coloured by Turnout: control characters
        // from specs, AWS or a command-line argument are escaped there, once, for all of it
        cl.setErr(TerminalText.escaping(err));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(new ErrorReporter());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' to see the options.");
            return ExitCodes.ERROR;
        });
        return cl;
    }
}
