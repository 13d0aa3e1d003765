package io.turnout.spec.load;

import static io.turnout.spec.load.Fixtures.describe;
import static io.turnout.spec.load.Fixtures.problemContaining;
import static io.turnout.spec.load.Fixtures.problems;
import static io.turnout.spec.load.Fixtures.repo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.spec.SpecProblem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers are bounded as AWS bounds them and durations as deployments need them, each with a clean file:line:col (issue 11, item 2). */
class NumbersAndDurationsTest {
    static final String WEB = "services/web/service.yaml";

    static List<SpecProblem> desiredCount(String value) {
        return problems(repo().with(WEB, Fixtures.WEB.replace("desiredCount: 2", "desiredCount: " + value)));
    }

    static void assertClean(List<SpecProblem> found) {
        assertFalse(describe(found).contains("internal error"), describe(found));
        for (SpecProblem p : found) assertTrue(p.location().line() > 0, "no line: " + p.describe());
    }

    @Test
    void aDesiredCountBeyond32BitsIsRefusedAtItsLine() {
        List<SpecProblem> found = desiredCount("2147483648");
        assertClean(found);
        SpecProblem p = problemContaining(found, "desiredCount 2147483648 is more than 2147483647");
        assertEquals(WEB + ":9:19", p.location().toString());
        assertTrue(p.message().contains("32-bit integer"), p.message());
        assertEquals("use a value of at most 2147483647", p.fix());
    }

    @ParameterizedTest(name = "desiredCount: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "1e30|desiredCount 1000000000000000000000000000000 is more than 2147483647",
            "-1e400|has more than 309 digits",
            "2.5|expected an integer, found a number (2.5)",
            ".inf|'.inf' is not a finite number",
            "-.inf|'-.inf' is not a finite number",
            ".nan|'.nan' is not a finite number",
            "99999999999999999999.5|has a fraction and more than 18 digits",
            "-1|desiredCount -1 is less than 0",
            "1e-400|expected an integer, found a number"})
    void hostileNumbersGetACleanProblem(String value, String expected) {
        List<SpecProblem> found = desiredCount(value);
        assertClean(found);
        SpecProblem p = problemContaining(found, expected);
        assertEquals(9, p.location().line(), p.describe());
    }

    @Test
    void aWholeNumberWrittenWithAnExponentIsThatInteger() {
        Fixtures.assertValid(repo().with(WEB, Fixtures.WEB.replace("desiredCount: 2", "desiredCount: 2.0e0")));
    }

    @Test
    void autoScalingCapacityBeyond32BitsIsRefused() {
        List<SpecProblem> found = problems(repo().with(WEB, Fixtures.WEB.replace("          container: {name: web, port: 8080}\n",
                "          container: {name: web, port: 8080}\n      autoScaling: {minCapacity: 1, maxCapacity: 99999999999}\n")));
        assertClean(found);
        assertEquals(WEB + ":19:50", problemContaining(found, "maxCapacity 99999999999 is more than 2147483647").location().toString());
    }

    @Test
    void aTaskDefinitionNumberBeyond32BitsIsRefusedInItsFile() {
        List<SpecProblem> found = problems(repo().with("services/web/web.taskdef.json",
                Fixtures.WEB_TASKDEF.replace("\"memory\": 512", "\"memory\": 1e12")));
        assertClean(found);
        assertEquals("services/web/web.taskdef.json:5:54", problemContaining(found, "memory 1000000000000 is more than 2147483647").location().toString());
    }

    // ---- durations ----

    static List<SpecProblem> environment(String yaml) {
        return problems(repo().with("environments/staging.yaml", Fixtures.STAGING + yaml));
    }

    @Test
    void aZeroPollIntervalIsRefusedWithTheReason() {
        SpecProblem p = problemContaining(environment("  sync: {interval: 0s}\n"), "interval 0s is shorter than 1s");
        assertEquals("environments/staging.yaml:9:20", p.location().toString());
        assertTrue(p.message().contains("poll the Git host without pause"), p.message());
        assertEquals("use at least 1s", p.fix());
    }

    @Test
    void aZeroSteadyStateTimeoutIsRefusedWithTheReason() {
        SpecProblem p = problemContaining(environment("  deployment: {steadyStateTimeout: 0s}\n"), "steadyStateTimeout 0s is shorter than 10s");
        assertTrue(p.message().contains("every deployment would fail"), p.message());
    }

    @ParameterizedTest(name = "bakeTime: {0}")
    @ValueSource(strings = {"99999999999999h", "99999999999999999999999999999999h", "25h", "1440m1ms"})
    void aBakeTimeBeyondADayIsRefusedWithTheReason(String bakeTime) {
        List<SpecProblem> found = environment("  deployment:\n    verification: {bakeTime: " + bakeTime + "}\n");
        assertClean(found);
        SpecProblem p = problemContaining(found, "bakeTime " + bakeTime + " is longer than 24h");
        assertTrue(p.message().contains("one deployment per environment runs at a time"), p.message());
        assertEquals("use at most 24h", p.fix());
    }

    @Test
    void serviceDurationsAreBoundedToo() {
        List<SpecProblem> found = problems(repo().with("services/catalog/service.yaml",
                Fixtures.CATALOG.replace("{weight: 10, bakeTime: 2m}", "{weight: 10, bakeTime: 100000h}")));
        problemContaining(found, "bakeTime 100000h is longer than 24h");
        List<SpecProblem> timeout = problems(repo().with(WEB, Fixtures.WEB.replace("          container: {name: web, port: 8080}\n",
                "          container: {name: web, port: 8080}\n      verification: {httpChecks: [{path: /, timeout: 0ms}]}\n")));
        problemContaining(timeout, "timeout 0ms is shorter than 100ms");
    }

    /** Durations of the gates, canaries and hooks: bounded too, so no absurd one reaches the clock arithmetic. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "rolling: {canary: {bakeTime: 99999999999999999999h}}|bakeTime 99999999999999999999h is longer than 24h",
            "rolling: {verification: {watchAfterSwap: 25h}}|watchAfterSwap 25h is longer than 24h",
            "rolling: {verification: {approvalTimeout: 9999999999999999999999h}}|approvalTimeout 9999999999999999999999h is longer than 168h"})
    void gateAndCanaryDurationsAreBounded(String strategy, String expected) {
        List<SpecProblem> found = problems(Workers.repo(Workers.FARGATE_TASK_DEFINITION, Workers.FARGATE_SETTINGS, strategy));
        assertClean(found);
        problemContaining(found, expected);
    }

    @Test
    void aHookTimeoutIsBounded() {
        List<SpecProblem> found = problems(Workers.fargate().with(Workers.SPEC, Workers.spec(Workers.FARGATE_SETTINGS, "rolling: {}")
                + "  hooks:\n    beforeDeploy: {container: worker, command: [migrate], timeout: 99999999999999999999h}\n"));
        assertClean(found);
        problemContaining(found, "timeout 99999999999999999999h is longer than 24h");
    }

    @Test
    void durationsWithinTheirBoundsLoad() {
        Fixtures.assertValid(repo().with("environments/staging.yaml", Fixtures.STAGING
                + "  sync: {interval: 1s, jitter: 0s}\n  deployment: {steadyStateTimeout: 24h, downsizeDelay: 0s, verification: {bakeTime: 23h59m59s}}\n"));
    }
}
