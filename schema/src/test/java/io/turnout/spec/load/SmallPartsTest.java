package io.turnout.spec.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Durations, include paths and suggestions, table-driven. */
class SmallPartsTest {
    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({"500ms,500", "90s,90000", "1m30s,90000", "2h,7200000", "1h1m1s1ms,3661001", "0s,0"})
    void durationsParse(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), Durations.parse(text));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"90s,1m30s", "0s,0s", "2h,2h", "500ms,500ms"})
    void durationsFormat(String text, String formatted) {
        assertEquals(formatted, Durations.format(Durations.parse(text)));
    }

    @ParameterizedTest
    @CsvSource({"1 minute", "1.5m", "m", "''", "10"})
    void badDurationsThrow(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "services/web/service.yaml|web.taskdef.json|services/web/web.taskdef.json|-",
            "services/web/service.yaml|./defs/web.json|services/web/defs/web.json|-",
            "services/web/service.yaml|../shared/base.json|services/shared/base.json|-",
            "services/web/service.yaml|../../shared/base.json|shared/base.json|-",
            "services/web/service.yaml|../../../etc/passwd|-|leads outside the spec repository",
            "service.yaml|../x.json|-|leads outside the spec repository",
            "services/web/service.yaml|/etc/passwd|-|absolute path",
            "services/web/service.yaml|C:/x.json|-|absolute path",
            "services/web/service.yaml|..\\x.json|-|backslashes",
            "services/web/service.yaml|https://example.com/td.json|-|URL",
            "services/web/service.yaml|..|-|names a folder"})
    void includePaths(String spec, String reference, String resolved, String error) {
        IncludePaths.Resolved r = IncludePaths.resolve(spec, reference);
        assertEquals(resolved, r.path());
        if (error != null) assertEquals(true, r.error().contains(error), r.error());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "-", value = {"desiredCont,desiredCount", "desriedCount,desiredCount", "LAUNCHTYPE,launchType",
            "prod,production", "colour,-", "x,-"})
    void suggestions(String word, String expected) {
        assertEquals(Optional.ofNullable(expected),
                Suggestions.closest(word, List.of("desiredCount", "launchType", "production", "platformVersion")));
    }
}
