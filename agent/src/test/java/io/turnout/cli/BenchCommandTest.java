package io.turnout.cli;

import static io.turnout.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        CommandLineTest.Run r = benchDeploy("1,10", "0");
        assertTrue(r.out().contains("One service's deployment: 5m30s (simulated)."), r.out());
        assertTrue(r.out().contains("| 1 | succeeded (1 applied) | 5m30s | "), r.out());
        assertTrue(r.out().contains("| 10 | succeeded (10 applied) | 6m | "), r.out());
        assertTrue(r.out().contains(" | 5m34s | 1.08 | ECS service changes, tags and one-off tasks (40 calls at 20 + 5/s) | 96 | 90 | "),
                r.out());
        assertTrue(r.out().contains("ecs:RegisterTaskDefinition 10, ecs:TagResource 20, ecs:UpdateService 20"), r.out());
        assertFalse(r.out().contains("turnout agent"), "--agent-runs 0 skips the agent's table: " + r.out());
    }

    /**
     * {@code bench deploy}'s agent table: a real agent in a child JVM (here on the test's class path, no AOT
     * cache) started, ready, then a pushed commit deployed after a signed webhook. Times are only checked for
     * plausibility: a JVM cannot start and poll in under 50 ms, and each run is bounded by the benchmark itself.
     */
    @Test
    void benchDeployTimesTheAgentsStartAndAWebhookToItsFirstMutatingCall() throws Exception {
        CommandLineTest.Run r = benchDeploy("1", "1");
        assertTrue(r.out().contains("without an AOT cache"), r.out());
        Matcher start = Pattern.compile("\\| start: launch to `/health/readiness` 200 \\| ([0-9.]+ m?s) \\| ([0-9.]+ m?s) \\|")
                .matcher(r.out());
        assertTrue(start.find(), r.out());
        assertEquals(start.group(1), start.group(2), "one run: its time is the median");
        assertTrue(millis(start.group(1)) >= 50 && millis(start.group(1)) <= 180_000, start.group());
        Matcher webhook = Pattern.compile("\\| webhook to the first mutating call \\(the first step: Register a new revision of task"
                + " definition s00000\\) \\| ([0-9.]+ m?s) \\| ([0-9.]+ m?s) \\|").matcher(r.out());
        assertTrue(webhook.find(), r.out());
        assertTrue(millis(webhook.group(1)) > 0 && millis(webhook.group(1)) <= 120_000, webhook.group());
        assertTrue(r.out().contains(" services in sync, a fresh data directory per start); load average "), r.out());
    }

    /** Runs {@code bench deploy} for {@code services} with {@code agentRuns}; checks it succeeded and wrote what it printed to --out. */
    private CommandLineTest.Run benchDeploy(String services, String agentRuns) throws Exception {
        Path out = dir.resolve("results/deploy.md");
        CommandLineTest.Run r = run("bench", "deploy", "--services", services, "--agent-runs", agentRuns, "--out", out.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.out().startsWith("Machine: "), r.out());
        assertEquals(r.out(), Files.readString(out));
        return r;
    }

    @Test
    void benchDeployRefusesNegativeAgentRuns() {
        CommandLineTest.Run r = run("bench", "deploy", "--services", "1", "--agent-runs", "-1");
        assertEquals(ExitCodes.ERROR, r.exit());
        assertTrue(r.err().contains("--agent-runs takes 0 or more"), r.err());
    }

    private static double millis(String time) {
        String[] parts = time.split(" ");
        return Double.parseDouble(parts[0]) * (parts[1].equals("s") ? 1000 : 1);
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
