package io.turnout.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.diff.Change;
import io.turnout.plan.AwaitSteadyState;
import io.turnout.plan.Plan;
import io.turnout.plan.PlanKind;
import io.turnout.plan.PlanProblem;
import io.turnout.plan.ServicePlan;
import io.turnout.testing.Yaml;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RenderTest {
    private static Plan plan() {
        ServicePlan web = new ServicePlan("web", PlanKind.BLUE_GREEN, "elb", List.of(
                Change.of("taskDefinition/containerDefinitions[web]/image", Yaml.node("a"), Yaml.node("b")),
                Change.of("taskDefinition/containerDefinitions[web]/environment[NEW]", null,
                        Yaml.node("{name: NEW, value: '1'}")),
                Change.of("service/healthCheckGracePeriodSeconds", Yaml.node("30"), null)),
                List.of(new AwaitSteadyState("web", "production", "web--b", Duration.ofMinutes(10))),
                Optional.of("nginx:1.27"), Optional.of("nginx:1.28"), List.of("a note"));
        ServicePlan api = new ServicePlan("api", PlanKind.IN_SYNC, "elb", List.of(), List.of(),
                Optional.of("py|3"), Optional.of("py|3"), List.of());
        return new Plan("production", Optional.of("abc1234"), List.of(api, web),
                List.of(new PlanProblem("cat", "target group cat-b not found")));
    }

    @Test
    void textShowsBeforeAndAfterStepsAndSummary() {
        String text = new TextPlanRenderer(false).render(plan());
        assertTrue(text.contains("""
                web: blue/green (elb), image nginx:1.27 → nginx:1.28
                  ~ taskDefinition/containerDefinitions[web]/image
                      - "a"
                      + "b"
                  + taskDefinition/containerDefinitions[web]/environment[NEW]
                      + {"name":"NEW","value":"1"}
                  - service/healthCheckGracePeriodSeconds
                      - 30
                  Steps:
                    1. Wait for web--b to reach steady state (timeout 10m)
                  Note: a note
                """), text);
        assertTrue(text.contains("  ! cat: target group cat-b not found\n"), text);
        assertTrue(text.endsWith("Plan for production: 1 to deploy (1 blue/green), 1 in sync, 1 with problems.\n"), text);
        assertFalse(text.contains("\u001B["), "no escapes without colour");
    }

    @Test
    void colourPaintsRemovedRedAddedGreenChangedYellow() {
        String text = new TextPlanRenderer(true).render(plan());
        assertTrue(text.contains("\u001B[31m- \"a\"\u001B[0m"), text);
        assertTrue(text.contains("\u001B[32m+ \"b\"\u001B[0m"), text);
        assertTrue(text.contains("\u001B[33m~ taskDefinition/containerDefinitions[web]/image\u001B[0m"), text);
    }

    @Test
    void markdownHasTableAndDetailsWithDiff() {
        String md = new MarkdownPlanRenderer().render(plan());
        assertTrue(md.contains("| `web` | blue/green | elb | `nginx:1.27` → `nginx:1.28` |"), md);
        assertTrue(md.contains("| `api` | in sync | elb | `py\\|3` |"), "pipes escaped in cells: " + md);
        assertTrue(md.contains("<details>\n<summary><code>web</code>: blue/green, 3 changes, 1 step</summary>"), md);
        assertTrue(md.contains("```diff\n# ~ taskDefinition/containerDefinitions[web]/image\n- \"a\"\n+ \"b\"\n"), md);
        assertTrue(md.contains("1. Wait for web--b"), md);
        assertTrue(md.contains("- `cat`: target group cat-b not found"), md);
    }

    @Test
    void jsonIsVersionedAndStable() {
        JsonPlanRenderer renderer = new JsonPlanRenderer();
        JsonNode json = Yaml.node(renderer.render(plan()));
        assertEquals(1, json.get("schemaVersion").asInt());
        assertEquals("abc1234", json.get("commit").asString());
        assertEquals("BLUE_GREEN", json.at("/services/1/kind").asString());
        assertEquals("AwaitSteadyState", json.at("/services/1/steps/0/type").asString());
        assertEquals("10m", json.at("/services/1/steps/0/timeout").asString());
        assertEquals("ADD", json.at("/services/1/changes/1/type").asString());
        assertTrue(json.at("/services/1/changes/1/before").isMissingNode());
        assertEquals(renderer.render(plan()), renderer.render(plan()));
    }

    /** Issue 11: a value with an escape sequence shows as text; only Turnout's own colours are ANSI. */
    @Test
    void valuesFromSpecsAreEscapedBeforeTheyAreColoured() {
        ServicePlan web = new ServicePlan("web", PlanKind.BLUE_GREEN, "elb",
                List.of(Change.of("taskDefinition/containerDefinitions[web]/environment[X]/value",
                        tools.jackson.databind.node.StringNode.valueOf("a\u009B2J"), tools.jackson.databind.node.StringNode.valueOf("b\u202Ec"))),
                List.of(), Optional.of("nginx\u001B[31m:1"), Optional.of("nginx:2"), List.of("note \u001B]0;title\u0007"));
        Plan plan = new Plan("production", Optional.empty(), List.of(web), List.of());
        String plain = new TextPlanRenderer(false).render(plan);
        assertTrue(plain.contains("image nginx\\u001B[31m:1 → nginx:2"), plain);
        assertTrue(plain.contains("- \"a\\u009B2J\""), plain);
        assertTrue(plain.contains("+ \"b\\u202Ec\""), plain);
        assertTrue(plain.contains("Note: note \\u001B]0;title\\u0007"), plain);
        assertFalse(plain.replace("\n", "").chars().anyMatch(io.turnout.text.TerminalText::unsafe), plain);
        String coloured = new TextPlanRenderer(true).render(plan);
        assertFalse(coloured.contains("\u001B[31m:1"), "the value's escape is not an escape on the terminal");
        assertTrue(coloured.contains("nginx\\u001B[31m:1"), coloured);
    }

    @Test
    void inSyncPlanSaysNothingToDeploy() {
        Plan plan = new Plan("staging", Optional.empty(), List.of(), List.of());
        assertEquals("Plan for staging\n\nPlan for staging: nothing to deploy, 0 in sync.\n",
                new TextPlanRenderer(false).render(plan));
        assertTrue(plan.inSync());
    }
}
