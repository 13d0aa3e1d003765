package io.turnout.cli;

import static io.turnout.cli.CommandLineTest.exampleCopy;
import static io.turnout.cli.CommandLineTest.replaceIn;
import static io.turnout.cli.CommandLineTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.cli.CommandLineTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What only live state can tell is a plan problem of that service, before anything is changed
 * (issue 11): {@code plan} names it and exits 1, {@code apply} mutates nothing. And the command
 * line's own behaviour the issue names: no command, a repository root, control characters.
 */
class RefusedBeforeMutationTest {
    @TempDir
    Path tmp;

    Path specs;
    Path world;

    void example() throws IOException {
        specs = exampleCopy(tmp.resolve("specs"));
        world = specs.resolve("world.yaml");
    }

    Run plan() {
        return run("plan", "--env", "production", "--cloud", "sim", "--world", world.toString(), "--specs", specs.toString());
    }

    Run apply() {
        return run("apply", "--env", "production", "--cloud", "sim", "--world", world.toString(), "--specs", specs.toString(),
                "--auto-approve", "--data-dir", tmp.resolve("data").toString());
    }

    /**
     * Plan names the problem for web and exits 1; apply refuses, and nothing was created: the plan
     * afterwards is the plan before, byte for byte. (Whether a refused apply rewrites the world
     * file's formatting is another matter, of the world file writer.)
     */
    void assertRefusedBeforeMutation(String problem) throws IOException {
        Run plan = plan();
        assertEquals(ExitCodes.ERROR, plan.exit(), plan.out() + plan.err());
        assertTrue(plan.out().contains("! web: " + problem), plan.out());
        Run apply = apply();
        assertEquals(ExitCodes.ERROR, apply.exit(), apply.out() + apply.err());
        assertTrue(apply.err().contains("nothing was applied"), apply.err());
        assertEquals(plan.out(), plan().out(), "the simulated cloud changed");
    }

    /** world.yaml with {@code from} replaced in the production region (account 222222222222) only. */
    void inProduction(String from, String to) throws IOException {
        String text = Files.readString(world);
        int production = text.indexOf("account: \"222222222222\"");
        String tail = text.substring(production);
        assertTrue(tail.contains(from), from);
        Files.writeString(world, text.substring(0, production) + tail.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to)));
    }

    static final String WEB_B = "        - {name: web-b, port: 8080, protocol: HTTP, targetType: ip}\n";
    static final String WEB_C = "        - {name: web-c, port: 8080, protocol: HTTP, targetType: ip}\n";

    @Test
    void aTargetGroupNoListenerForwardsToIsAPlanProblemBeforeAnyMutation() throws IOException {
        example();
        inProduction(WEB_B, WEB_B + WEB_C);
        replaceIn(specs.resolve("services/web/service.yaml"), "targetGroups: {a: web-a, b: web-b}", "targetGroups: {a: web-a, b: web-c}");
        assertRefusedBeforeMutation("target group web-c is not attached to load balancer shop-alb");
    }

    @Test
    void aTargetGroupOfAnotherLoadBalancerIsAPlanProblemBeforeAnyMutation() throws IOException {
        example();
        inProduction(WEB_B, WEB_B + WEB_C);
        inProduction("      loadBalancers:\n", "      loadBalancers:\n        - name: other-alb\n          type: application\n"
                + "          listeners:\n            - {port: 80, protocol: HTTP, defaultTargetGroup: web-c}\n");
        replaceIn(specs.resolve("services/web/service.yaml"), "targetGroups: {a: web-a, b: web-b}", "targetGroups: {a: web-a, b: web-c}");
        assertRefusedBeforeMutation("target group web-c is attached to");
        assertTrue(plan().out().contains("not to load balancer shop-alb that the spec names"), plan().out());
    }

    /** Each value issue 11 names: validate exits 1 with file:line:col, what is wrong and the fix, never a stack trace. */
    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "services/web/service.yaml|desiredCount: 2|desiredCount: 2147483648|desiredCount 2147483648 is more than 2147483647",
            "services/web/service.yaml|desiredCount: 2|desiredCount: 1e30|desiredCount 1000000000000000000000000000000 is more than 2147483647",
            "services/web/service.yaml|maxCapacity: 10|maxCapacity: 99999999999|maxCapacity 99999999999 is more than 2147483647",
            "services/web/service.yaml|bakeTime: 1m|bakeTime: 99999999999999h|bakeTime 99999999999999h is longer than 24h",
            "environments/production.yaml|steadyStateTimeout: 15m|steadyStateTimeout: 0s|steadyStateTimeout 0s is shorter than 10s",
            "environments/production.yaml|interval: 1m|interval: 0s|interval 0s is shorter than 1s",
            "services/web/web.taskdef.json|\"containerPort\": 8080|\"containerPort\": 8080, \"hostPort\": 80|When networkMode=awsvpc, the host ports and container ports in port mappings must match",
            "services/web/web.taskdef.json|\"essential\": true|\"essential\": true, \"mountPoints\": [{\"sourceVolume\": \"data\", \"containerPath\": \"/d\"}]|Unknown volume 'data'"})
    void validateRefusesWithAPositionAndAFix(String file, String from, String to, String expected) throws IOException {
        example();
        replaceIn(specs.resolve(file), from, to);
        Run r = run("validate", specs.toString());
        assertEquals(ExitCodes.ERROR, r.exit(), r.out() + r.err());
        // file:line:col: error: <what is wrong> … . <the fix>
        Pattern line = Pattern.compile("(?m)^\\S*" + Pattern.quote(file) + ":\\d+:\\d+: error: .*" + Pattern.quote(expected) + ".*\\. \\S.*$");
        assertTrue(line.matcher(r.err()).find(), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("internal error"), r.err());
    }

    @Test
    void noCommandIsAUsageError() {
        Run r = run();
        assertEquals(ExitCodes.ERROR, r.exit());
        assertTrue(r.err().startsWith("error: no command given."), r.err());
        assertTrue(r.err().contains("Usage: turnout"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void validateAtARepositoryRootNamesTheSpecFolder() throws IOException {
        exampleCopy(tmp.resolve("repo/deploy/specs"));
        Files.createDirectories(tmp.resolve("repo/.github/workflows"));
        Files.writeString(tmp.resolve("repo/.github/workflows/ci.yaml"), "on: push\n");
        Files.createDirectories(tmp.resolve("repo/charts/web"));
        for (String f : new String[] {"Chart.yaml", "values.yaml", "values-prod.yaml"}) Files.writeString(tmp.resolve("repo/charts/web/" + f), "a: 1\n");
        Files.writeString(tmp.resolve("repo/docker-compose.yml"), "services: {}\n");
        Run r = run("validate", tmp.resolve("repo").toString());
        assertEquals(ExitCodes.ERROR, r.exit());
        assertTrue(r.err().contains("1 problem in"), r.err());
        assertTrue(r.err().contains("4 YAML files outside deploy/specs/ are not Turnout specs"), r.err());
        assertTrue(r.err().contains("turnout validate deploy/specs"), r.err());
    }

    @Test
    void controlCharactersOfASpecNeverReachTheTerminal() throws IOException {
        example();
        assertEquals(ExitCodes.OK, apply().exit());
        replaceIn(specs.resolve("services/mailer/service.yaml"), "{name: QUEUE_NAME, value: outgoing-mail}",
                "{name: QUEUE_NAME, value: \"\\e[31mred\\0\\r\"}");
        Run plan = plan();
        assertEquals(ExitCodes.CHANGES, plan.exit(), plan.out() + plan.err());
        // the diff shows values as JSON, whose escapes already cover C0 controls; the rest is escaped by the renderer
        assertTrue(plan.out().contains("\\u001B[31mred\\u0000\\r"), plan.out());
        assertFalse(plan.out().chars().anyMatch(c -> c < 0x20 && c != '\n'), plan.out());
    }
}
