package io.turnout.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.plan.Plan;
import io.turnout.render.JsonPlanRenderer;
import io.turnout.render.MarkdownPlanRenderer;
import io.turnout.render.TextPlanRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden plans: for each folder under {@code golden/}, specs + live state in, the text and
 * JSON and Markdown renderings must equal {@code expected.txt} / {@code expected.json} /
 * {@code expected.md} byte for byte.
 * {@code -Dturnout.golden.update=true} rewrites the expected files instead (then review the
 * diff with git before committing).
 */
class GoldenPlanTest {
    private static final boolean UPDATE = Boolean.getBoolean("turnout.golden.update");

    @TestFactory
    Stream<DynamicTest> plansMatchExpectedFiles() throws IOException {
        return GoldenCases.all().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            Plan plan = GoldenCases.plan(dir);
            check(dir.resolve("expected.txt"), new TextPlanRenderer(false).render(plan));
            check(dir.resolve("expected.json"), new JsonPlanRenderer().render(plan));
            check(dir.resolve("expected.md"), new MarkdownPlanRenderer().render(plan));
            // pure and deterministic: planning the same input again gives the same bytes
            assertEquals(new JsonPlanRenderer().render(plan), new JsonPlanRenderer().render(GoldenCases.plan(dir)));
        }));
    }

    @Test
    void thereAreEnoughCases() throws IOException {
        assertTrue(GoldenCases.all().size() >= 15, "expected at least 15 golden cases");
    }

    private static void check(Path expectedFile, String actual) throws IOException {
        if (UPDATE) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(expectedFile), expectedFile + " is missing: run with -Dturnout.golden.update=true");
        assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), actual,
                expectedFile + " differs (run with -Dturnout.golden.update=true to accept the new output)");
    }
}
