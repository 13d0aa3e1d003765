package io.turnout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.turnout.review.FakeCodeHost;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code turnout plan --repo … --ref …} end to end: a local bare repository with the example
 * specs on main (deployed to production in a simulated world), pull request branches pushed to
 * it, plans of only the touched environments, and the sticky comment on a local GitHub stand-in.
 */
class PullRequestPlanTest {
    static final String TOKEN = "ghp_prPlanT0kenNeverPrinted";

    @TempDir
    Path tmp;
    Path world;
    Path bare;
    Git work;
    int commits;
    FakeCodeHost github;

    @BeforeEach
    void deployMainToProduction() throws Exception {
        Path specs = io.turnout.apply.SimWorldCopy.copy(CommandLineTest.EXAMPLE, tmp.resolve("specs"));
        world = tmp.resolve("world.yaml");
        Files.move(specs.resolve("world.yaml"), world);
        CommandLineTest.Run applied = CommandLineTest.run("apply", "--env", "production", "--specs", specs.toString(),
                "--world", world.toString(), "--auto-approve");
        assertEquals(ExitCodes.OK, applied.exit(), applied.out() + applied.err());

        bare = tmp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
        work = Git.init().setDirectory(tmp.resolve("work").toFile()).setInitialBranch("main").call();
        work.remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toString())).call();
        io.turnout.apply.SimWorldCopy.copy(specs, tmp.resolve("work"));
        commitAndPush("main", "specs as deployed");
        work.checkout().setCreateBranch(true).setName("pr").call();
    }

    @AfterEach
    void close() {
        work.close();
        if (github != null) github.close();
    }

    String commitAndPush(String branch, String message) throws Exception {
        work.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("Dev", "dev@example.com", Instant.parse("2026-11-01T00:00:00Z").plusSeconds(++commits), ZoneOffset.UTC);
        String id = work.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call().name();
        work.push().setRemote("origin").setRefSpecs(new RefSpec("+refs/heads/" + branch + ":refs/heads/" + branch)).call();
        return id;
    }

    void edit(String file, String from, String to) throws IOException {
        Path path = tmp.resolve("work").resolve(file);
        String text = Files.readString(path);
        assertTrue(text.contains(from), file + " should contain " + from);
        Files.writeString(path, text.replaceFirst(Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
    }

    /** The production override pins a new web image: only production is touched. */
    void bumpWebImageInProduction() throws IOException {
        edit("services/web/service.yaml", "          - name: web\n            environment:",
                "          - name: web\n            image: public.ecr.aws/nginx/nginx:1.28\n            environment:");
    }

    CommandLineTest.Run plan(Map<String, String> environment, String... extra) {
        List<String> args = new ArrayList<>(List.of("plan", "--repo", bare.toUri().toString(), "--ref", "refs/heads/pr",
                "--world", world.toString(), "--data-dir", tmp.resolve("data").toString(), "--color", "never"));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = TurnoutCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        ((PlanCommand) cl.getSubcommands().get("plan").getCommand()).environment = environment;
        int exit = cl.execute(args.toArray(String[]::new));
        return new CommandLineTest.Run(exit, out.toString(), err.toString());
    }

    Map<String, String> githubEnvironment() throws IOException {
        github = github != null ? github : new FakeCodeHost(FakeCodeHost.Flavor.GITHUB, TOKEN, 2);
        Path event = Files.writeString(tmp.resolve("event.json"), "{\"pull_request\":{\"number\":42}}", StandardCharsets.UTF_8);
        Map<String, String> env = new HashMap<>();
        env.put("GITHUB_TOKEN", TOKEN);
        env.put("GITHUB_API_URL", github.apiUrl());
        env.put("GITHUB_REPOSITORY", "octo/shop");
        env.put("GITHUB_EVENT_PATH", event.toString());
        return env;
    }

    @Test
    void aNewWebImageInProductionPlansOnlyProduction() throws Exception {
        bumpWebImageInProduction();
        commitAndPush("pr", "web 1.28 in production");
        CommandLineTest.Run r = plan(Map.of(), "--base", "main", "--format", "markdown");
        assertEquals(ExitCodes.CHANGES, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("<!-- turnout:plan -->\n"), r.out());
        assertTrue(r.out().contains("Environments this change touches: `production`."), r.out());
        assertTrue(r.out().contains("### `production`: 1 to deploy (1 blue/green), 5 in sync"), r.out());
        assertTrue(r.out().contains("| `web` | blue/green | elb | `public.ecr.aws/nginx/nginx:1.27` → `public.ecr.aws/nginx/nginx:1.28` |"), r.out());
        assertTrue(r.out().contains("```diff\n# ~ taskDefinition/containerDefinitions[web]/image"), r.out());
        assertTrue(r.out().contains("**What happens on merge:** sync policy `auto-apply`"), r.out());
        assertFalse(r.out().contains("`staging`"), "staging is not touched:\n" + r.out());
    }

    @Test
    void aCommitIdCanBePlanned() throws Exception {
        bumpWebImageInProduction();
        String commit = commitAndPush("pr", "web 1.28 in production");
        List<String> args = List.of("plan", "--repo", bare.toUri().toString(), "--ref", commit, "--base", "main",
                "--world", world.toString(), "--data-dir", tmp.resolve("data").toString(), "--format", "markdown");
        CommandLineTest.Run r = CommandLineTest.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.CHANGES, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("Specs at `" + commit + "`, compared with `main`"), r.out());
        assertTrue(r.out().contains("### `production`"), r.out());
    }

    @Test
    void anUnknownRefSaysWhatToPass() {
        CommandLineTest.Run r = CommandLineTest.run("plan", "--repo", bare.toUri().toString(), "--ref", "refs/pull/999/head",
                "--world", world.toString(), "--data-dir", tmp.resolve("data").toString());
        assertEquals(ExitCodes.ERROR, r.exit());
        assertTrue(r.err().contains("'refs/pull/999/head' is neither a branch, a tag nor a ref on"), r.err());
    }

    @Test
    void commentingWithoutATokenIsAClearErrorAfterThePlan() throws Exception {
        bumpWebImageInProduction();
        commitAndPush("pr", "web 1.28 in production");
        CommandLineTest.Run r = plan(Map.of("GITHUB_REPOSITORY", "octo/shop"), "--comment", "github", "--pr", "3", "--format", "markdown");
        assertEquals(ExitCodes.ERROR, r.exit());
        assertTrue(r.out().contains("### `production`"), "the plan is still printed: " + r.out());
        assertTrue(r.err().startsWith("error: GITHUB_TOKEN is not set"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void theDefaultBaseIsTheRemotesDefaultBranchAndReformattingTouchesNothing() throws Exception {
        edit("services/web/service.yaml", "kind: Service", "kind: Service   # reformatted, same spec");
        commitAndPush("pr", "comment only");
        CommandLineTest.Run r = plan(Map.of(), "--format", "text");
        assertEquals(ExitCodes.OK, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("No environment is affected by this change."), r.out());
    }

    @Test
    void anImageChangeInTheTaskDefinitionTouchesBothEnvironmentsAndEnvAllPlansEverything() throws Exception {
        edit("services/web/web.taskdef.json", "nginx/nginx:1.27", "nginx/nginx:1.28");
        commitAndPush("pr", "web 1.28 everywhere");
        CommandLineTest.Run touched = plan(Map.of(), "--base", "main", "--format", "json");
        assertEquals(ExitCodes.CHANGES, touched.exit(), touched.err());
        assertTrue(touched.out().contains("\"environment\" : \"production\"") && touched.out().contains("\"environment\" : \"staging\""),
                touched.out());
        CommandLineTest.Run one = plan(Map.of(), "--env", "staging", "--format", "markdown");
        assertTrue(one.out().startsWith("<!-- turnout:plan env=staging -->\n"), one.out());
        assertFalse(one.out().contains("### `production`"), one.out());
    }

    @Test
    void theCommentIsCreatedOnceEditedOnEveryPushAndInvalidSpecsFailTheStatus() throws Exception {
        Map<String, String> env = githubEnvironment();
        github.addComment("Looks good to me");
        bumpWebImageInProduction();
        String first = commitAndPush("pr", "web 1.28 in production");
        CommandLineTest.Run r1 = plan(env, "--base", "main", "--comment", "github");
        assertEquals(ExitCodes.CHANGES, r1.exit(), r1.out() + r1.err());
        assertTrue(r1.err().contains("Plan posted to GitHub pull request octo/shop#42"), r1.err());
        assertEquals(1, github.commentsStartingWith("<!-- turnout:plan -->").size());
        assertEquals(new FakeCodeHost.Status(first, "success", "turnout/plan", "Valid; changes planned in 1 environment",
                github.statuses.getLast().targetUrl()), github.statuses.getLast());

        edit("services/web/service.yaml", "desiredCount: 4", "desiredCount: 6");
        String second = commitAndPush("pr", "more tasks in production");
        CommandLineTest.Run r2 = plan(env, "--base", "main", "--comment", "github");
        assertTrue(r2.err().contains("Plan updated on GitHub pull request octo/shop#42"), r2.err());
        List<String> ours = github.commentsStartingWith("<!-- turnout:plan -->");
        assertEquals(1, ours.size(), "exactly one comment across pushes");
        assertTrue(ours.getFirst().contains("Commit `" + second.substring(0, 12) + "`") || ours.getFirst().contains(second.substring(0, 12)),
                ours.getFirst());
        assertEquals(second, github.statuses.getLast().sha());

        edit("services/web/service.yaml", "desiredCount: 6", "desiredCont: 6");
        String third = commitAndPush("pr", "typo");
        CommandLineTest.Run r3 = plan(env, "--base", "main", "--comment", "github");
        assertEquals(ExitCodes.ERROR, r3.exit(), r3.out() + r3.err());
        ours = github.commentsStartingWith("<!-- turnout:plan -->");
        assertEquals(1, ours.size());
        assertTrue(Pattern.compile("- `services/web/service\\.yaml:\\d+:\\d+`: .*desiredCont").matcher(ours.getFirst()).find(), ours.getFirst());
        FakeCodeHost.Status failed = github.statuses.getLast();
        assertEquals(third, failed.sha());
        assertEquals("failure", failed.state());
        assertTrue(failed.description().matches("1 spec problem, first at services/web/service\\.yaml:\\d+:\\d+"), failed.description());

        for (CommandLineTest.Run r : List.of(r1, r2, r3)) {
            assertFalse((r.out() + r.err()).contains(TOKEN), "the token is never printed");
        }
        assertTrue(github.requests.stream().noneMatch(q -> q.body().contains(TOKEN)), "nor posted");
    }

    @Test
    void aMarkedCommentBySomeoneElseIsLeftAloneAndNamedAndTurnoutPostsItsOwn() throws Exception {
        Map<String, String> env = githubEnvironment();
        github.asIntegrationToken(); // as in Actions: GET /user is refused, comments are by github-actions[bot]
        long impostor = github.addComment("mallory", "<!-- turnout:plan -->\nNothing to deploy, merge away.");
        bumpWebImageInProduction();
        commitAndPush("pr", "web 1.28 in production");
        CommandLineTest.Run r1 = plan(env, "--base", "main", "--comment", "github");
        assertEquals(ExitCodes.CHANGES, r1.exit(), r1.out() + r1.err());
        List<String> warnings = r1.err().lines().filter(l -> l.contains("by mallory")).toList();
        assertEquals(1, warnings.size(), r1.err());
        assertTrue(warnings.getFirst().startsWith("Warning: ignored comment " + impostor + " by mallory on GitHub pull request octo/shop#42"),
                warnings.getFirst());
        assertTrue(r1.err().contains("Plan posted to GitHub pull request octo/shop#42"), r1.err());
        assertEquals("<!-- turnout:plan -->\nNothing to deploy, merge away.", github.comments.get(impostor));

        CommandLineTest.Run r2 = plan(env, "--base", "main", "--comment", "github");
        assertTrue(r2.err().contains("Plan updated on GitHub pull request octo/shop#42"), r2.err());
        List<Long> bots = github.comments.keySet().stream().filter(id -> github.authors.get(id).equals("github-actions[bot]")).toList();
        assertEquals(1, bots.size(), "exactly one comment by the bot across pushes");
        assertTrue(github.comments.get(bots.getFirst()).contains("### `production`"));
        assertTrue(github.requests.stream().noneMatch(q -> q.method().equals("PATCH") && q.path().endsWith("/" + impostor)));
        for (CommandLineTest.Run r : List.of(r1, r2)) {
            assertFalse((r.out() + r.err()).contains(TOKEN), "the token is never printed");
        }
    }

    @Test
    void anOversizedPlanIsCollapsedUnderTheLimitAndSaysWhatWasLeftOut() throws Exception {
        Path specs = tmp.resolve("many");
        Files.createDirectories(specs.resolve("environments"));
        Files.copy(CommandLineTest.EXAMPLE.resolve("environments/production.yaml"), specs.resolve("environments/production.yaml"));
        String mailer = Files.readString(CommandLineTest.EXAMPLE.resolve("services/mailer/service.yaml"))
                .replace("environments: [staging, production]", "environments: [production]");
        for (int i = 0; i < 250; i++) {
            String name = String.format("worker-%03d", i);
            Path dir = Files.createDirectories(specs.resolve("services").resolve(name));
            Files.writeString(dir.resolve("service.yaml"), mailer.replace("name: mailer", "name: " + name)
                    .replace("family: mailer", "family: " + name).replaceFirst("(?s)\\n  overrides:.*", "\n"));
        }
        Map<String, String> env = githubEnvironment();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = TurnoutCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        ((PlanCommand) cl.getSubcommands().get("plan").getCommand()).environment = env;
        int exit = cl.execute("plan", "--specs", specs.toString(), "--env", "all", "--world", world.toString(),
                "--comment", "github", "--pr", "9", "--commit", "0123456789abcdef0123456789abcdef01234567");
        assertEquals(ExitCodes.CHANGES, exit, out + "\n" + err);
        String body = github.commentsStartingWith("<!-- turnout:plan env=all -->").getFirst();
        assertTrue(body.length() <= 65_536, "under GitHub's limit: " + body.length());
        assertTrue(body.contains("over the 65,536-character limit of a comment. Left out: the diffs and steps of 250 services"), body);
        assertTrue(body.contains("| `worker-249` | bootstrap | rolling |"), "the summary table is kept");
        assertEquals("success", github.statuses.getLast().state());
    }
}
