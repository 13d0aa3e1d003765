package io.turnout.cli;

import io.turnout.cloud.CloudAccess;
import io.turnout.cloud.CloudException;
import io.turnout.cloud.CloudGateway;
import io.turnout.error.TurnoutException;
import io.turnout.pipeline.CloudOpener;
import io.turnout.pipeline.PlanningStep;
import io.turnout.plan.Plan;
import io.turnout.plan.PlanProblem;
import io.turnout.render.PlanComment;
import io.turnout.render.PlanCommentRenderer;
import io.turnout.render.TextPlanRenderer;
import io.turnout.review.ReviewApiException;
import io.turnout.review.ReviewHost;
import io.turnout.review.ReviewHosts;
import io.turnout.review.TouchedEnvironments;
import io.turnout.spec.EnvironmentSpec;
import io.turnout.spec.SpecTree;
import io.turnout.spec.load.LoadResult;
import io.turnout.text.TerminalText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code turnout plan} for a change rather than one environment: the specs of a commit
 * ({@code --repo/--ref}, via {@link ChangeSpecs}) or of a folder with {@code --env all};
 * every environment the change touches (or the one asked for) planned; the result printed
 * and, with {@code --comment}, posted as the pull request's sticky comment plus the
 * {@code turnout/plan} commit status. Invalid specs are part of the output, not a crash.
 */
final class ChangePlan {
    private final PlanCommand options;
    private final PrintWriter out;
    private final PrintWriter err;
    private final PlanningStep planning = new PlanningStep();
    /** Opened when the first environment is planned, closed at the end. */
    private CloudAccess cloud;

    ChangePlan(PlanCommand options) {
        this.options = options;
        this.out = options.spec.commandLine().getOut();
        this.err = options.spec.commandLine().getErr();
    }

    int run() {
        try {
            return planAndPost();
        } finally {
            if (cloud != null) cloud.close();
        }
    }

    private int planAndPost() {
        ChangeSpecs.Loaded specs = options.repository.repo != null ? ChangeSpecs.fromRepository(options) : ChangeSpecs.fromFolder(options);
        String marker = marker();
        LoadResult head = specs.head();
        PlanComment comment;
        List<Plan> plans = new ArrayList<>();
        if (!head.isValid()) {
            comment = new PlanComment(marker, specs.source(), List.of(), head.problems(), specs.notes());
        } else {
            SpecTree tree = head.tree().orElseThrow();
            List<String> notes = new ArrayList<>(specs.notes());
            List<PlanComment.EnvironmentSection> sections = new ArrayList<>();
            for (EnvironmentSpec environment : environments(tree, specs, notes)) {
                Plan plan = plan(environment, tree, specs.source().commit());
                plans.add(plan);
                sections.add(new PlanComment.EnvironmentSection(plan, environment.sync(), environment.deployment()));
            }
            comment = new PlanComment(marker, specs.source(), sections, List.of(), notes);
        }
        String body = new PlanCommentRenderer().render(comment);
        print(comment, plans, body, specs);
        if (options.comment != null) post(comment, body);
        if (!comment.succeeded()) return ExitCodes.ERROR;
        return plans.stream().allMatch(Plan::inSync) ? ExitCodes.OK : ExitCodes.CHANGES;
    }

    /** The hidden first line: one sticky comment per set of environments (and spec folder) planned. */
    private String marker() {
        StringBuilder scope = new StringBuilder();
        if (options.env != null) scope.append(" env=").append(options.env);
        if (!options.repository.path.isEmpty()) scope.append(" path=").append(options.repository.path);
        return "<!-- turnout:plan" + scope + " -->";
    }

    private List<EnvironmentSpec> environments(SpecTree tree, ChangeSpecs.Loaded specs, List<String> notes) {
        if ("all".equals(options.env)) return tree.environments();
        if (options.env != null) {
            return List.of(SpecsOption.environment(tree, options.env, "the specs"));
        }
        TouchedEnvironments touched = TouchedEnvironments.between(specs.base(), tree);
        for (String removed : touched.removed()) {
            notes.add("Environment " + removed + " is removed by this change: nothing is planned for it, and Turnout leaves its services in AWS alone.");
        }
        return touched.environments().stream().map(name -> tree.environment(name).orElseThrow()).toList();
    }

    private Plan plan(EnvironmentSpec environment, SpecTree tree, Optional<String> commit) {
        if (cloud == null) cloud = options.cloud.open(CloudOpener.Use.PLAN);
        CloudGateway gateway = cloud.gatewayFor(environment);
        try {
            return planning.plan(gateway, environment, tree, commit).plan();
        } catch (CloudException e) {
            // One environment's unreadable cloud (expired credentials, throttling) is a problem of
            // that environment in the comment, not the end of the whole review.
            return new Plan(environment.name(), commit, List.of(), List.of(PlanProblem.environment(
                    "cannot read the live state: " + e.describe())));
        }
    }

    private void print(PlanComment comment, List<Plan> plans, String body, ChangeSpecs.Loaded specs) {
        switch (options.format) {
            case markdown -> out.print(body);
            case json -> out.print(ChangeJson.render(comment));
            case text -> {
                if (!comment.specProblems().isEmpty()) {
                    SpecsOption.printProblems(specs.problemRoot(), comment.specProblems(), err);
                }
                TextPlanRenderer text = new TextPlanRenderer(options.color.enabled());
                for (int i = 0; i < plans.size(); i++) out.print((i == 0 ? "" : "\n") + text.render(plans.get(i)));
                if (comment.specProblems().isEmpty() && plans.isEmpty()) out.println("No environment is affected by this change.");
                comment.notes().forEach(n -> out.println("Note: " + TerminalText.escape(n)));
            }
        }
        out.flush();
    }

    private void post(PlanComment comment, String body) {
        ReviewHost host;
        try {
            host = ReviewHosts.create(options.comment, Optional.ofNullable(options.project),
                    Optional.ofNullable(options.pullRequest), Optional.ofNullable(options.commentAuthor), options.environment);
        } catch (IllegalArgumentException e) {
            throw new TurnoutException(e.getMessage(), "Check --project (GitHub: owner/name; GitLab: the project id or group/project).");
        }
        try {
            ReviewHost.CommentResult result = host.upsertComment(comment.marker(), body);
            if (!result.ignored().isEmpty()) err.println(ignoredLine(result.ignored(), host));
            String status = comment.succeeded() ? "success" : "failure";
            Optional<String> commit = comment.source().commit();
            if (commit.isPresent()) {
                host.setStatus(commit.get(), comment.succeeded(), comment.statusLine(), result.url());
            }
            err.println("Plan " + (result.outcome() == ReviewHost.Outcome.CREATED ? "posted to " : "updated on ") + host.describe()
                    + " (comment " + result.id() + ")" + (commit.isPresent() ? "; status " + ReviewHost.STATUS_CONTEXT + ": " + status
                    : "; no commit status (pass --commit SHA to set one)") + ".");
            err.flush();
        } catch (ReviewApiException e) {
            throw new TurnoutException(e.getMessage(), "The plan above was printed; posting it did not complete. Run the job again once the cause is fixed.");
        }
    }

    /**
     * One line naming who wrote the marked comments Turnout left alone, so that a maintainer can
     * delete an impostor — or, if it is Turnout's own account, name it with --comment-author.
     */
    static String ignoredLine(List<ReviewHost.ForeignComment> ignored, ReviewHost host) {
        String which = ignored.stream().map(c -> c.id() + " by " + c.author()).collect(Collectors.joining(", "));
        String authors = ignored.stream().map(ReviewHost.ForeignComment::author).distinct()
                .collect(Collectors.joining(", "));
        return "Warning: ignored comment" + (ignored.size() == 1 ? " " : "s ") + which + " on " + host.describe()
                + ": it starts with Turnout's marker but another account wrote it; delete it, or if " + authors
                + " is the account Turnout posts as, pass --comment-author (or set " + ReviewHosts.AUTHOR_VARIABLE + ").";
    }

    static Path displayRoot(String path) {
        return Path.of(path.isEmpty() ? "." : path);
    }
}
