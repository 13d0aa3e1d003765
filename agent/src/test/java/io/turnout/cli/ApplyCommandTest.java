package io.turnout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cli.CommandLineTest.Run;
import io.turnout.state.StateStore;
import io.turnout.state.sql.StateStoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code turnout apply} on a copy of specs-example and its simulated world, as the README tells people to try it. */
class ApplyCommandTest {
    @TempDir
    Path tmp;

    Path specs;
    Path world;

    Run apply(String... extra) {
        String[] base = {"apply", "--env", "production", "--specs", specs.toString(), "--cloud", "sim", "--world",
                world.toString()};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        return CommandLineTest.run(args);
    }

    Run plan() {
        return CommandLineTest.run("plan", "--env", "production", "--specs", specs.toString(), "--world", world.toString());
    }

    void setUp() throws IOException {
        specs = io.turnout.apply.SimWorldCopy.copy(CommandLineTest.EXAMPLE, tmp.resolve("specs"));
        world = tmp.resolve("world.yaml");
        Files.move(specs.resolve("world.yaml"), world);
    }

    @Test
    void applyThenPlanIsInSyncAndANewImageIsSwappedIn() throws IOException {
        setUp();
        Run first = apply("--auto-approve");
        assertEquals(ExitCodes.OK, first.exit(), first.out() + first.err());
        // the world's prod listener already forwarded to web-a: the first slot is web--b, verified, then swapped in
        assertTrue(first.out().contains("Swapping prod listener 443 to web-b"), first.out());
        assertTrue(first.out().contains("Saved the simulated world"), first.out());
        // the journal is in the embedded state store next to the world file, compacted once the deployment ended
        assertTrue(Files.exists(tmp.resolve(".turnout/state.db")), "state store next to the world file");
        try (StateStore store = StateStoreSettings.embedded(tmp.resolve(".turnout")).open("test")) {
            assertEquals(java.util.List.of(), store.journal("production").entries());
        }
        Run inSync = plan();
        assertEquals(ExitCodes.OK, inSync.exit(), inSync.out() + inSync.err());

        CommandLineTest.replaceIn(specs.resolve("services/web/web.taskdef.json"), "nginx:1.27", "nginx:1.28");
        Run second = apply("--auto-approve", "--commit", "abc123");
        assertEquals(ExitCodes.OK, second.exit(), second.out() + second.err());
        assertTrue(second.out().contains("Swapping prod listener 443 to web-a"), second.out());
        assertTrue(second.out().contains("Waiting for web--a to reach steady state: 0/4 running"), second.out());
        assertEquals(ExitCodes.OK, plan().exit());

        CommandLineTest.replaceIn(specs.resolve("services/web/web.taskdef.json"), "nginx:1.28", "nginx:1.27");
        Run revert = apply("--auto-approve");
        assertEquals(ExitCodes.OK, revert.exit(), revert.out() + revert.err());
        assertTrue(revert.out().contains("rollback"), revert.out());
        assertFalse(revert.out().contains("Register a new revision"), revert.out());
        assertEquals(ExitCodes.OK, plan().exit());
    }

    @Test
    void withoutATerminalOrAutoApproveItRefusesAndChangesNothing() throws IOException {
        setUp();
        String before = Files.readString(world);
        Run r = apply();
        assertEquals(ExitCodes.ERROR, r.exit());
        assertTrue(r.err().contains("no terminal") && r.err().contains("--auto-approve"), r.err());
        assertEquals(ExitCodes.CHANGES, plan().exit(), "nothing was applied");
        assertFalse(r.out().contains("[1/"), r.out());
        assertEquals(before, Files.readString(world), "a refused apply does not rewrite the world file");
        assertFalse(r.out().contains("Saved the simulated world"), r.out());
    }

    /** Issue 11: an apply with nothing to do rewrote the world file, dropping its comments. */
    @Test
    void anApplyThatAppliesNothingLeavesTheWorldFileAsItWas() throws IOException {
        setUp();
        assertEquals(ExitCodes.OK, apply("--auto-approve").exit());
        Files.writeString(world, "# my notes about this world\n" + Files.readString(world));
        String before = Files.readString(world);

        Run inSync = apply("--auto-approve");
        assertEquals(ExitCodes.OK, inSync.exit(), inSync.err());
        assertTrue(inSync.out().contains("Nothing to apply"), inSync.out());
        assertEquals(before, Files.readString(world), "comments kept, nothing rewritten");

        CommandLineTest.replaceIn(specs.resolve("services/web/service.yaml"), "b: web-b", "b: web-c");
        Run problems = apply("--auto-approve");
        assertEquals(ExitCodes.ERROR, problems.exit());
        assertEquals(before, Files.readString(world), "a plan with problems applies nothing and writes nothing");

        CommandLineTest.replaceIn(specs.resolve("services/web/service.yaml"), "b: web-c", "b: web-b");
        CommandLineTest.replaceIn(specs.resolve("services/web/web.taskdef.json"), "nginx:1.27", "nginx:1.28");
        Run applied = apply("--auto-approve");
        assertEquals(ExitCodes.OK, applied.exit(), applied.err());
        assertTrue(applied.out().contains("Saved the simulated world"), applied.out());
        assertTrue(Files.readString(world).contains("nginx:1.28"), "written when something was applied");
    }

    @Test
    void nothingToApplyWhenInSync() throws IOException {
        setUp();
        assertEquals(ExitCodes.OK, apply("--auto-approve").exit());
        Run again = apply();
        assertEquals(ExitCodes.OK, again.exit(), again.err());
        assertTrue(again.out().contains("Nothing to apply"), again.out());
    }
}
