package io.turnout.cli;

import io.turnout.cloud.CallStats;
import io.turnout.cloud.CloudAccess;
import io.turnout.cloud.CloudGateway;
import io.turnout.error.TurnoutException;
import io.turnout.pipeline.CloudOpener;
import io.turnout.pipeline.PlanningStep;
import io.turnout.plan.Plan;
import io.turnout.render.JsonPlanRenderer;
import io.turnout.render.MarkdownPlanRenderer;
import io.turnout.render.TextPlanRenderer;
import io.turnout.review.ReviewHosts;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SpecTree;
import io.turnout.spec.load.LoadResult;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code turnout plan}: what would change in one environment. Reads live state, never
 * changes anything.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show what applying the specs would change.",
                "Prints the field-level diff of every service and the ordered deployment steps, for one"
                        + " environment or, with --repo, every environment a change touches. Reads live state;"
                        + " changes nothing."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:in sync, nothing to do", "1:error (invalid specs, missing infrastructure, failed call)",
                "2:changes pending"})
final class PlanCommand implements Callable<Integer> {
    enum Format { text, markdown, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-e", "--env"}, paramLabel = "ENV|all",
            description = "The environment to plan, or 'all'. Required with --specs; with --repo the default is"
                    + " every environment the change touches (compared with --base).")
    String env;

    @Option(names = "--specs", paramLabel = "DIR",
            description = "The spec folder (default: the current folder). Not with --repo.")
    Path specs;

    @Mixin
    RepositoryOptions repository;

    @Option(names = "--ref", paramLabel = "REF",
            description = "With --repo: what to plan: refs/pull/42/head, refs/merge-requests/7/head, a branch, a tag or a commit id.")
    String ref;

    @Option(names = "--base", paramLabel = "REF",
            description = "With --repo: the branch to compare with to find the touched environments"
                    + " (default: the remote's default branch, or main).")
    String base;


    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "With --repo: where the persistent clone lives (default: $TURNOUT_DATA_DIR, else .turnout).")
    Path dataDir;

    @Option(names = "--git-token-env", paramLabel = "VAR",
            description = "With an https:// --repo: the environment variable holding the token to fetch with (e.g. GITHUB_TOKEN, CI_JOB_TOKEN).")
    String gitTokenEnv;

    @Option(names = "--git-user", paramLabel = "NAME", defaultValue = "x-access-token",
            description = "The user name sent with --git-token-env (default: x-access-token; GitLab's CI_JOB_TOKEN: gitlab-ci-token).")
    String gitUser;

    @Option(names = "--comment", paramLabel = "github|gitlab",
            description = "Post the plan as one comment on the pull/merge request (edited on every push) and set the"
                    + " commit status turnout/plan. Token from GITHUB_TOKEN / GITLAB_TOKEN.")
    ReviewHosts.Kind comment;

    @Option(names = {"--pr", "--mr"}, paramLabel = "NUMBER",
            description = "The pull/merge request to comment on (default: from the CI job: GITHUB_EVENT_PATH, CI_MERGE_REQUEST_IID).")
    Integer pullRequest;

    @Option(names = "--project", paramLabel = "OWNER/NAME|ID",
            description = "The GitHub repository or GitLab project to comment on (default: GITHUB_REPOSITORY, CI_PROJECT_ID).")
    String project;

    @Option(names = "--comment-author", paramLabel = "LOGIN",
            description = "The account Turnout's comment is written by; only its marked comment is edited (default:"
                    + " $TURNOUT_COMMENT_AUTHOR, else the token's user; GitHub tokens that cannot tell: github-actions[bot]).")
    String commentAuthor;

    /** The process environment; tests replace it (tokens, CI variables, API URLs). */
    Map<String, String> environment = System.getenv();

    @Mixin
    CloudOptions cloud;

    @Option(names = "--format", paramLabel = "text|markdown|json", defaultValue = "text",
            description = "Output format (default: text).")
    Format format;

    @Option(names = "--color", paramLabel = "auto|always|never", defaultValue = "auto",
            description = "Colour the text output (default: auto, i.e. on a terminal unless NO_COLOR is set).")
    ColorMode color;

    @Mixin
    CommitOption commit;

    @Option(names = "--stats", description = "After the plan, print the number of AWS calls made, by operation, to stderr.")
    boolean stats;

    /** {@code AWS calls: 14 (ecs:DescribeServices 5, elbv2:DescribeRules 2, …)}, most frequent first. */
    static String statsLine(CallStats calls) {
        Map<String, Long> byOperation = calls.snapshot();
        String detail = byOperation.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return "AWS calls: " + calls.total() + (detail.isEmpty() ? "" : " (" + detail + ")");
    }

    @Override
    public Integer call() {
        if (repository.repo == null) {
            for (var given : Map.of("--ref", ref != null, "--base", base != null, "--git-token-env", gitTokenEnv != null,
                    "--path", !repository.path.isEmpty(), "--data-dir", dataDir != null).entrySet()) {
                if (given.getValue()) throw new TurnoutException(given.getKey() + " is for plans of a Git repository", "Add --repo URL, or drop " + given.getKey() + ".");
            }
            if (specs == null) specs = Path.of(".");
            if (env == null) throw new TurnoutException("which environment? --env is required with a spec folder", "Pass --env NAME, or --env all.");
        } else {
            if (specs != null) throw new TurnoutException("--specs and --repo both say where the specs are", "Pass one of them.");
            if (ref == null) throw new TurnoutException("--repo needs --ref: what to plan", "Pass e.g. --ref refs/pull/42/head, a branch or a commit id.");
        }
        if (repository.repo != null || comment != null || "all".equals(env)) return new ChangePlan(this).run();
        return planOneFolderEnvironment();
    }

    private Integer planOneFolderEnvironment() {
        LoadResult loaded = SpecsOption.load(specs);
        if (!loaded.isValid()) {
            SpecsOption.printProblems(specs, loaded.problems(), spec.commandLine().getErr());
            return ExitCodes.ERROR;
        }
        SpecTree tree = loaded.tree().orElseThrow();
        EnvironmentSpec environment = SpecsOption.environment(tree, env, specs.toString());

        Plan plan;
        String statsLine;
        try (CloudAccess access = cloud.open(CloudOpener.Use.PLAN)) {
            CloudGateway gateway = access.gatewayFor(environment);
            try {
                plan = new PlanningStep().plan(gateway, environment, tree, Optional.ofNullable(commit.commit)).plan();
            } catch (RuntimeException e) {
                // the calls made before the failure are still worth knowing (throttling, say)
                if (stats) spec.commandLine().getErr().println(statsLine(gateway.stats()));
                throw e;
            }
            statsLine = statsLine(gateway.stats());
        }

        String rendered = switch (format) {
            case text -> new TextPlanRenderer(color.enabled()).render(plan);
            case markdown -> new MarkdownPlanRenderer().render(plan);
            case json -> new JsonPlanRenderer().render(plan);
        };
        spec.commandLine().getOut().print(rendered);
        spec.commandLine().getOut().flush();
        if (stats) {
            spec.commandLine().getErr().println(statsLine);
            spec.commandLine().getErr().flush();
        }
        if (plan.hasProblems()) return ExitCodes.ERROR;
        return plan.inSync() ? ExitCodes.OK : ExitCodes.CHANGES;
    }
}
