package io.turnout.cli;

import io.turnout.events.DeploymentEvents;
import io.turnout.text.TerminalText;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code turnout}: the entry point of the jar. */
@Command(name = "turnout",
        mixinStandardHelpOptions = true,
        versionProvider = TurnoutVersion.class,
        description = "GitOps for Amazon ECS: validate specs, plan and apply blue/green deployments.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:valid, or in sync", "1:error (invalid specs, missing infrastructure, failed call, no or unknown command or option)",
                "2:changes pending (plan)"})
public final class TurnoutCommand implements Callable<Integer> {
    /**
     * The subcommands by name, in the order the usage lists them. Picocli builds a subcommand's model
     * (its options, by reflection) when it is added, a fifth of a second for all of them at a start;
     * {@link #main} adds only the one it runs.
     */
    static final Map<String, Class<?>> COMMANDS = commands();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        for (Class<?> command : List.of(ValidateCommand.class, PlanCommand.class, ApplyCommand.class, ApproveCommand.class,
                ImportCommand.class, AgentCommand.class, StateCommand.class, BenchCommand.class, AotTrainingCommand.class,
                CommandLine.HelpCommand.class)) {
            commands.put(command.getAnnotation(Command.class).name(), command);
        }
        return Collections.unmodifiableMap(commands);
    }

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
        CommandLine cl = commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv(),
                new DeploymentEvents(), args.length == 0 ? null : args[0]);
        System.exit(cl.execute(args));
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
        return commandLine(out, err, environment, events, null);
    }

    /**
     * As {@link #commandLine(PrintWriter, PrintWriter, Map, DeploymentEvents)}, with only the subcommand
     * named {@code first} when that names one (the first argument: the command to run); with all of
     * them otherwise (no or another first argument, {@code help}: the usage lists them, a misspelt
     * name gets suggestions).
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> environment, DeploymentEvents events,
                                   String first) {
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
        Class<?> only = first == null || first.equals("help") ? null : COMMANDS.get(first);
        COMMANDS.forEach((name, command) -> {
            if (only == null || command == only) cl.addSubcommand(name, command);
        });
        cl.setOut(out);
        // every error and problem goes to stderr, none of it coloured by Turnout: control characters
        // from specs, AWS or a command-line argument are escaped there, once, for all of it
        cl.setErr(TerminalText.escaping(err));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(new ErrorReporter());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
                ex.getCommandLine().getErr().println("Did you mean: " + String.join(" or ", unmatched.getSuggestions()) + "?");
            }
            ex.getCommandLine().getErr().println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' to see the options.");
            return ExitCodes.ERROR;
        });
        return cl;
    }
}
