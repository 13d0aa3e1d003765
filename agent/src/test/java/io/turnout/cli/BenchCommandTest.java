package io.turnout.cli;

import static io.turnout.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code turnout bench}: the table on stdout and in --out (its counts, never its timings). */
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsOneTableWithTheMachineAndWritesItToOut() throws Exception {
        Path out = dir.resolve("results/bench.md");
        CommandLineTest.Run r = run("bench", "--services", "10", "--latency", "0ms", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.out().startsWith("Machine: "), r.out());
        assertTrue(r.out().contains(" cores, "), r.out());
        assertTrue(r.out().contains("| 10 | "), r.out());
        // 11 calls against a minimum of 10; the naive reader's 128 side by side; a quiet poll
        assertTrue(r.out().contains(" | 11 | 10 | 1.10 | 128 | 12.8 | "), r.out());
        assertTrue(r.out().contains("0 fetches, 0 objects, 0 specs parsed"), r.out());
        assertEquals(r.out(), Files.readString(out));
    }

    /**
     * {@code bench deploy}: simulated durations and call counts are the same on every machine. Ten services
     * deploy side by side in the time of about one (one is on DNS, whose change takes 30s to sync), against a
     * floor of one service's time plus what the write budgets impose (ECS's 40 service changes at 20 + 5/s: 4s).
     */
    @Test
    void benchDeployPrintsTheSimulatedDurationNextToTheFloor() throws Exception {
        Path out = dir.resolve("results/deploy.md");
        CommandLineTest.Run r = run("bench", "deploy", "--services", "1,10", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.out().startsWith("Machine: "), r.out());
        assertTrue(r.out().contains("One service's deployment: 5m30s (simulated)."), r.out());
        assertTrue(r.out().contains("| 1 | succeeded (1 applied) | 5m30s | "), r.out());
        assertTrue(r.out().contains("| 10 | succeeded (10 applied) | 6m | "), r.out());
        assertTrue(r.out().contains(" | 5m34s | 1.08 | ECS service changes, tags and one-off tasks (40 calls at 20 + 5/s) | 96 | 90 | "),
                r.out());
        assertTrue(r.out().contains("ecs:RegisterTaskDefinition 10, ecs:TagResource 20, ecs:UpdateService 20"), r.out());
        assertEquals(r.out(), Files.readString(out));
    }

    @Test
    void benchDeployRefusesASizeBelowOne() {
        CommandLineTest.Run r = run("bench", "deploy", "--services", "0");
        assertEquals(ExitCodes.ERROR, r.exit());
        assertTrue(r.err().contains("--services takes sizes of at least 1"), r.err());
    }

    @Test
    void aLatencyThatIsNotADurationIsAUserError() {
        CommandLineTest.Run r = run("bench", "--services", "10", "--latency", "fast");
        assertEquals(ExitCodes.ERROR, r.exit());
        assertTrue(r.err().contains("--latency takes a duration like 20ms"), r.err());
    }
}
