package io.turnout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import io.turnout.events.DeploymentEvents;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user drives it: exit codes, and errors that name file:line and the fix. */
class CommandLineTest {
    static final Path EXAMPLE = Path.of("..", "specs-example").toAbsolutePath().normalize();
    static final Path WORLD = EXAMPLE.resolve("world.yaml");

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // as main builds it: only the subcommand that runs
        int exit = TurnoutCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), System.getenv(),
                new DeploymentEvents(), args.length == 0 ? null : args[0]).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @TempDir
    Path tmp;

    /** A writable copy of specs-example to break in one place. */
    Path exampleCopy() throws IOException {
        return exampleCopy(tmp.resolve("specs"));
    }

    /** A writable copy of specs-example (world.yaml included) at {@code copy}. */
    static Path exampleCopy(Path copy) throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLE)) {
            files.forEach(src -> {
                try {
                    Path dst = copy.resolve(EXAMPLE.relativize(src).toString());
                    if (Files.isDirectory(src)) Files.createDirectories(dst);
                    else Files.copy(src, dst);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return copy;
    }

    static void replaceIn(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " should contain " + from);
        Files.writeString(file, text.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to)));
    }

    /** Issue 11: control characters reached the terminal raw; everything on stderr is escaped. */
    @Test
    void controlCharactersAreEscapedOnStderr() {
        Run r = run("plan", "--env", "prod\u001B[2J\u0000\u202E", "--cloud", "sim", "--world", WORLD.toString(), "--specs", EXAMPLE.toString());
        assertEquals(ExitCodes.ERROR, r.exit());
        assertTrue(r.err().contains("'prod\\u001B[2J\\0\\u202E'"), r.err());
        assertTrue(r.err().chars().noneMatch(c -> io.turnout.text.TerminalText.unsafe(c) && c != '\n'), r.err());
    }

    @Test
    void validateAcceptsTheExample() {
        Run r = run("validate", EXAMPLE.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.out().contains("valid (2 environments, 6 services)"), r.out());
    }

    @Test
    void wrongContainerPortIsAnErrorNamingFileLineAndTargetGroups() throws IOException {
        Path specs = exampleCopy();
        replaceIn(specs.resolve("services/web/service.yaml"), "port: 8080", "port: 8081");
        Run r = run("validate", specs.toString());
        assertEquals(ExitCodes.ERROR, r.exit());
        assertTrue(Pattern.compile("services/web/service\\.yaml:\\d+:\\d+: error: .*No container definition has port"
                + " mapping that matches the target port 8081").matcher(r.err()).find(), r.err());
        assertTrue(r.err().contains("web-a") && r.err().contains("web-b"), r.err());
    }

    @Test
    void unknownFieldIsAnErrorWithASuggestion() throws IOException {
        Path specs = exampleCopy();
        replaceIn(specs.resolve("services/web/service.yaml"), "desiredCount:", "desiredCont:");
        Run r = run("validate", specs.toString());
        assertEquals(ExitCodes.ERROR, r.exit());
        assertTrue(Pattern.compile("services/web/service\\.yaml:\\d+:\\d+: error: .*desiredCont").matcher(r.err()).find(),
                r.err());
        assertTrue(r.err().contains("desiredCount"), "suggests the right name: " + r.err());
    }

    @Test
    void brokenYamlIsAnErrorWithItsLine() throws IOException {
        Path specs = exampleCopy();
        Path file = specs.resolve("environments/staging.yaml");
        Files.writeString(file, Files.readString(file) + "\n  bad: [unclosed\n");
        Run r = run("validate", specs.toString());
        assertEquals(ExitCodes.ERROR, r.exit());
        assertTrue(Pattern.compile("environments/staging\\.yaml:\\d+(:\\d+)?: error: ").matcher(r.err()).find(), r.err());
        assertTrue(!r.err().contains("Exception"), "no stack trace or exception names: " + r.err());
    }

    @Test
    void missingFolderIsAClearError() {
        Run r = run("validate", tmp.resolve("nope").toString());
        assertEquals(ExitCodes.ERROR, r.exit());
        assertTrue(r.err().contains("does not exist"), r.err());
    }

    @Test
    void planOfTheEmptyExampleWorldShowsBootstrapsAndExitsTwo() {
        Run r = run("plan", "--env", "production", "--cloud", "sim", "--world", WORLD.toString(),
                "--specs", EXAMPLE.toString(), "--color", "never");
        assertEquals(ExitCodes.CHANGES, r.exit(), r.err());
        for (String service : new String[] {"web", "api", "catalog", "mailer"}) {
            assertTrue(r.out().contains(service), "plan names " + service + ":\n" + r.out());
        }
        assertTrue(r.out().toLowerCase().contains("bootstrap"), r.out());
        assertTrue(!r.out().contains("\u001b["), "no colour when asked not to");
    }

    @Test
    void planFormatsAreDeterministic() {
        for (String format : new String[] {"text", "markdown", "json"}) {
            String[] args = {"plan", "--env", "staging", "--world", WORLD.toString(), "--specs", EXAMPLE.toString(),
                    "--format", format, "--color", "never"};
            Run first = run(args);
            Run second = run(args);
            assertEquals(ExitCodes.CHANGES, first.exit(), first.err());
            assertEquals(first.out(), second.out(), format + " output is byte-for-byte stable");
        }
        assertTrue(run("plan", "--env", "staging", "--world", WORLD.toString(), "--specs", EXAMPLE.toString(),
                "--format", "json").out().trim().startsWith("{"));
    }

    @Test
    void planRefusesInvalidSpecsWithoutTouchingTheCloud() throws IOException {
        Path specs = exampleCopy();
        replaceIn(specs.resolve("services/web/service.yaml"), "desiredCount:", "desiredCont:");
        Run r = run("plan", "--env", "production", "--world", WORLD.toString(), "--specs", specs.toString());
        assertEquals(ExitCodes.ERROR, r.exit());
        assertEquals("", r.out(), "no plan printed");
        assertTrue(r.err().contains("Nothing was planned or applied"), r.err());
    }

    @Test
    void unknownEnvironmentListsTheKnownOnes() {
        Run r = run("plan", "--env", "prod", "--world", WORLD.toString(), "--specs", EXAMPLE.toString());
        assertEquals(ExitCodes.ERROR, r.exit());
        assertTrue(r.err().contains("no environment named 'prod'") && r.err().contains("production, staging"), r.err());
    }

    @Test
    void awsCloudRefusesAWorldFile() {
        Run r = run("plan", "--env", "production", "--cloud", "aws", "--world", WORLD.toString(),
                "--specs", EXAMPLE.toString());
        assertEquals(ExitCodes.ERROR, r.exit());
        assertTrue(r.err().contains("--world is for the simulated cloud"), r.err());
    }

    @Test
    void simulatedCloudNeedsAWorld() {
        Run r = run("plan", "--env", "production", "--cloud", "sim", "--specs", EXAMPLE.toString());
        assertEquals(ExitCodes.ERROR, r.exit());
        assertTrue(r.err().contains("--world"), r.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] args : new String[][] {{"--help"}, {"validate", "--help"}, {"plan", "--help"}}) {
            Run r = run(args);
            assertEquals(ExitCodes.OK, r.exit());
            assertTrue(r.out().contains("Usage:"), r.out());
        }
    }

    @Test
    void theUsageListsEveryCommandAndAMisspeltOneGetsASuggestion() {
        Run help = run("--help");
        for (String command : List.of("validate", "plan", "apply", "approve", "import", "agent", "state", "help")) {
            assertTrue(help.out().contains("\n  " + command + " "), command + " in\n" + help.out());
        }
        assertTrue(!help.out().contains("aot-training"), "hidden");
        Run helpAgent = run("help", "agent");
        assertEquals(ExitCodes.OK, helpAgent.exit());
        assertTrue(helpAgent.out().contains("--data-dir"), helpAgent.out());
        Run typo = run("agnet");
        assertEquals(ExitCodes.ERROR, typo.exit());
        assertTrue(typo.err().contains("agent"), typo.err());
    }

    @Test
    void onlyTheCommandThatRunsIsBuilt() {
        StringWriter sink = new StringWriter();
        PrintWriter w = new PrintWriter(sink, true);
        assertEquals(List.of("agent"), List.copyOf(TurnoutCommand.commandLine(w, w, Map.of(), new DeploymentEvents(), "agent")
                .getSubcommands().keySet()));
        assertEquals(List.copyOf(TurnoutCommand.COMMANDS.keySet()), List.copyOf(TurnoutCommand.commandLine(w, w).getSubcommands().keySet()));
        assertEquals(List.copyOf(TurnoutCommand.COMMANDS.keySet()),
                List.copyOf(TurnoutCommand.commandLine(w, w, Map.of(), new DeploymentEvents(), "--version").getSubcommands().keySet()));
    }

    @Test
    void badOptionsAreAnErrorPointingToHelp() {
        Run r = run("plan", "--env", "production", "--format", "yaml");
        assertEquals(ExitCodes.ERROR, r.exit());
        assertTrue(r.err().contains("--help"), r.err());
    }
}
