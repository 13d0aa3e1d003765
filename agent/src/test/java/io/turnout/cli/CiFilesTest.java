package io.turnout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.pipeline.CloudKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The CI files in {@code deploy/ci/} run a {@code turnout plan} command line the CLI really
 * accepts: each file is parsed as YAML, the command is taken from the step that runs it,
 * CI expressions and variables are replaced with sample values, and picocli parses it.
 */
class CiFilesTest {
    static final Path CI = Path.of("..", "deploy", "ci");
    static final YAMLMapper YAML = YAMLMapper.builder().build();

    /** Sample values for the CI expressions and variables the files may use; anything else fails the test. */
    static final Map<String, String> SAMPLES = Map.ofEntries(
            Map.entry("github.server_url", "https://github.com"),
            Map.entry("github.repository", "octo/shop"),
            Map.entry("github.event.pull_request.number", "42"),
            Map.entry("github.event.pull_request.base.ref", "main"),
            Map.entry("env.SPEC_PATH", "specs"),
            Map.entry("runner.temp", "/home/runner/work/_temp"),
            Map.entry("RUNNER_TEMP", "/home/runner/work/_temp"),
            Map.entry("CI_PROJECT_URL", "https://gitlab.com/shop/deploy"),
            Map.entry("CI_MERGE_REQUEST_IID", "7"),
            Map.entry("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main"),
            Map.entry("CI_PROJECT_DIR", "/builds/shop/deploy"),
            Map.entry("SPEC_PATH", "specs"));

    @Test
    void githubWorkflowRunsAnAcceptedPlanWithCommentAndTheRightPermissions() throws Exception {
        JsonNode workflow = YAML.readTree(Files.readString(CI.resolve("github-actions-plan.yml")));
        assertTrue(workflow.at("/on/pull_request/paths").toString().contains("specs/**"), "runs on pull requests touching the specs");
        assertEquals("write", workflow.at("/permissions/pull-requests").asString());
        assertEquals("write", workflow.at("/permissions/statuses").asString());
        assertEquals("write", workflow.at("/permissions/id-token").asString());
        JsonNode steps = workflow.at("/jobs/plan/steps");
        List<String> uses = new ArrayList<>();
        steps.forEach(s -> uses.add(s.path("uses").asString("")));
        assertTrue(uses.stream().anyMatch(u -> u.startsWith("actions/checkout@")), uses.toString());
        assertTrue(uses.stream().anyMatch(u -> u.startsWith("actions/setup-java@")), uses.toString());
        assertTrue(uses.stream().anyMatch(u -> u.startsWith("aws-actions/configure-aws-credentials@")), uses.toString());
        JsonNode java = find(steps, "/with/java-version");
        assertEquals("25", java.at("/with/java-version").asString());
        assertEquals("temurin", java.at("/with/distribution").asString());

        JsonNode planStep = findRun(steps);
        assertEquals("${{ secrets.GITHUB_TOKEN }}", planStep.at("/env/GITHUB_TOKEN").asString(), "the token comes from the workflow secret");
        PlanCommand plan = parse(planStep.path("run").asString());
        assertEquals(io.turnout.review.ReviewHosts.Kind.github, plan.comment);
        assertEquals("https://github.com/octo/shop.git", plan.repository.repo);
        assertEquals("refs/pull/42/head", plan.ref);
        assertEquals("main", plan.base);
        assertEquals("specs", plan.repository.path);
        assertEquals("GITHUB_TOKEN", plan.gitTokenEnv);
        assertEquals(CloudKind.AWS, plan.cloud.cloud);
        assertEquals(PlanCommand.Format.markdown, plan.format);
    }

    @Test
    void gitlabJobRunsAnAcceptedPlanInMergeRequestPipelines() throws Exception {
        JsonNode ci = YAML.readTree(Files.readString(CI.resolve("gitlab-ci-plan.yml")));
        JsonNode job = ci.path("turnout-plan");
        assertTrue(job.path("rules").toString().contains("merge_request_event"), job.path("rules").toString());
        assertTrue(job.path("image").asString().contains("temurin:25"), job.path("image").asString());
        String command = null;
        for (JsonNode line : job.path("script")) {
            if (line.asString().contains("turnout.jar plan")) command = line.asString();
        }
        assertNotNull(command, "a script line runs turnout.jar plan");
        PlanCommand plan = parse(command);
        assertEquals(io.turnout.review.ReviewHosts.Kind.gitlab, plan.comment);
        assertEquals("https://gitlab.com/shop/deploy.git", plan.repository.repo);
        assertEquals("refs/merge-requests/7/head", plan.ref);
        assertEquals("main", plan.base);
        assertEquals("gitlab-ci-token", plan.gitUser);
        assertEquals("CI_JOB_TOKEN", plan.gitTokenEnv);
        assertEquals(CloudKind.AWS, plan.cloud.cloud);
    }

    private static JsonNode find(JsonNode steps, String pointer) {
        for (JsonNode step : steps) if (!step.at(pointer).isMissingNode()) return step;
        throw new AssertionError("no step has " + pointer);
    }

    private static JsonNode findRun(JsonNode steps) {
        for (JsonNode step : steps) if (step.path("run").asString("").contains("turnout.jar\" plan")) return step;
        throw new AssertionError("no step runs turnout.jar plan");
    }

    /** The arguments after the jar, up to {@code ||}, with samples substituted, parsed by the real command line. */
    static PlanCommand parse(String shell) {
        String command = shell.substring(shell.indexOf("turnout.jar") + "turnout.jar".length()).replaceFirst("^\"", "");
        int or = command.indexOf("||");
        if (or >= 0) command = command.substring(0, or);
        command = substitute(command, Pattern.compile("\\$\\{\\{\\s*([^}]+?)\\s*}}"));
        command = substitute(command, Pattern.compile("\\$\\{?([A-Z_][A-Z0-9_]*)}?"));
        List<String> args = new ArrayList<>();
        Matcher word = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(command);
        while (word.find()) args.add(word.group(1) != null ? word.group(1) : word.group(2));
        CommandLine cl = TurnoutCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        CommandLine.ParseResult parsed = cl.parseArgs(args.toArray(String[]::new)); // throws on any unknown option or bad value
        assertTrue(parsed.hasSubcommand() && parsed.subcommand().commandSpec().name().equals("plan"), args.toString());
        return (PlanCommand) parsed.subcommand().commandSpec().userObject();
    }

    private static String substitute(String text, Pattern expression) {
        Matcher m = expression.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = SAMPLES.get(m.group(1));
            if (value == null) throw new AssertionError("the CI file uses " + m.group() + ", which this test has no sample for");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
