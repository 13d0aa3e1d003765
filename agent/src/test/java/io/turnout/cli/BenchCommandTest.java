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

    @Test
    void aLatencyThatIsNotADurationIsAUserError() {
        CommandLineTest.Run r = run("bench", "--services", "10", "--latency", "fast");
        assertEquals(ExitCodes.ERROR, r.exit());
        assertTrue(r.err().contains("--latency takes a duration like 20ms"), r.err());
    }
}
