package io.turnout.render;

import io.turnout.plan.Plan;
import io.turnout.plan.ServicePlan;
import io.turnout.render.PlanComment.EnvironmentSection;
import io.turnout.spec.SpecProblem;
import io.turnout.spec.SyncMode;
import io.turnout.spec.load.Durations;
import io.turnout.text.CommitIds;
import io.turnout.text.MarkdownText;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The pull-request comment: the hidden marker first, a headline, then per environment its
 * summary table, collapsed details and "what happens on merge"; or the spec problems.
 *
 * <p>GitHub refuses comments over 65,536 characters, so the renderer tries three levels and
 * keeps the first that fits: everything; the tables without the details; one count line per
 * environment. What was left out is said in the comment. Deterministic: same input, same bytes.
 */
public final class PlanCommentRenderer {
    /** GitHub's limit on an issue comment's body (GitLab allows 1,000,000; the smaller one wins). */
    public static final int GITHUB_COMMENT_LIMIT = 65_536;
    /** Problems listed before the rest is only counted: enough to fix, small enough to read. */
    static final int MAX_LISTED_PROBLEMS = 50;

    private enum Level { FULL, SUMMARY, COUNTS }

    private final int limit;

    public PlanCommentRenderer() {
        this(GITHUB_COMMENT_LIMIT);
    }

    /** A renderer for a smaller limit (tests; hosts with tighter limits). */
    public PlanCommentRenderer(int limit) {
        if (limit < 2_000) throw new IllegalArgumentException("a comment limit under 2,000 characters cannot hold a plan");
        this.limit = limit;
    }

    public String render(PlanComment comment) {
        String full = render(comment, Level.FULL, 0);
        if (full.length() <= limit) return full;
        for (Level level : new Level[] {Level.SUMMARY, Level.COUNTS}) {
            String shorter = render(comment, level, full.length());
            if (shorter.length() <= limit) return shorter;
        }
        // Thousands of environments: cut at a line and say so. The marker stays first.
        String counts = render(comment, Level.COUNTS, full.length());
        String note = "\n\n> The comment was cut here to stay under " + String.format("%,d", limit) + " characters.\n";
        String cut = counts.substring(0, limit - note.length());
        return cut.substring(0, Math.max(cut.lastIndexOf('\n'), 0)) + note;
    }

    private String render(PlanComment comment, Level level, int fullLength) {
        StringBuilder out = new StringBuilder();
        out.append(comment.marker()).append("\n");
        headline(out, comment);
        if (level != Level.FULL) leftOut(out, comment, level, fullLength);
        if (!comment.specProblems().isEmpty()) specProblems(out, comment);
        for (EnvironmentSection section : comment.environments()) environment(out, section, level);
        for (String note : comment.notes()) out.append("> ").append(MarkdownText.text(note)).append("\n\n");
        out.append("<sub>Posted by Turnout; edited in place on every push.</sub>\n");
        return out.toString();
    }

    private static void headline(StringBuilder out, PlanComment comment) {
        String verdict = !comment.specProblems().isEmpty() ? ":x: Turnout: the specs are invalid"
                : !comment.succeeded() ? ":warning: Turnout plan: some services cannot be planned"
                : "Turnout plan";
        out.append("## ").append(verdict).append("\n\n");
        PlanComment.Source source = comment.source();
        out.append("Specs at ").append(MarkdownText.code(source.ref()));
        source.commit().filter(c -> !c.equals(source.ref()))
                .ifPresent(c -> out.append(" (commit ").append(MarkdownText.code(CommitIds.shorten(c))).append(")"));
        if (!source.specPath().isEmpty()) out.append(", folder ").append(MarkdownText.code(source.specPath()));
        source.base().ifPresent(b -> out.append(", compared with ").append(MarkdownText.code(b)));
        out.append(". ");
        if (comment.specProblems().isEmpty()) {
            List<String> names = comment.environments().stream().map(e -> MarkdownText.code(e.plan().environment())).toList();
            out.append(names.isEmpty() ? "No environment is affected by this change."
                    : (source.base().isPresent() ? "Environments this change touches: " : "Environments planned: ")
                            + String.join(", ", names) + ".");
        } else {
            out.append("Nothing was planned.");
        }
        out.append("\n\n");
    }

    private static void leftOut(StringBuilder out, PlanComment comment, Level level, int fullLength) {
        long services = comment.environments().stream().mapToLong(e -> e.plan().services().size()).sum();
        long detailed = comment.environments().stream().flatMap(e -> e.plan().services().stream())
                .filter(MarkdownPlanRenderer::hasDetails).count();
        out.append("> [!NOTE]\n> The full plan is ").append(String.format("%,d", fullLength))
                .append(" characters, over the ").append(String.format("%,d", GITHUB_COMMENT_LIMIT))
                .append("-character limit of a comment. Left out: ");
        out.append(level == Level.SUMMARY
                ? "the diffs and steps of " + MarkdownPlanRenderer.count(detailed, "service")
                : "the per-service tables and details (" + MarkdownPlanRenderer.count(services, "service") + ")");
        out.append(". Run `turnout plan` with `--format text` for everything.\n\n");
    }

    private static void specProblems(StringBuilder out, PlanComment comment) {
        List<SpecProblem> problems = comment.specProblems();
        out.append("### ").append(MarkdownPlanRenderer.count(problems.size(), "problem")).append(" in the specs\n\n");
        String prefix = comment.source().specPath().isEmpty() ? "" : comment.source().specPath() + "/";
        for (SpecProblem p : problems.subList(0, Math.min(problems.size(), MAX_LISTED_PROBLEMS))) {
            String where = prefix + p.location();
            // describe() starts with the location; the comment shows it as code, then the message
            String message = p.describe().substring(p.location().toString().length()).replaceFirst("^: ", "");
            out.append("- ").append(MarkdownText.code(where)).append(": ").append(MarkdownText.text(message)).append("\n");
        }
        if (problems.size() > MAX_LISTED_PROBLEMS) {
            out.append("- … and ").append(problems.size() - MAX_LISTED_PROBLEMS)
                    .append(" more (run `turnout validate` to see all)\n");
        }
        out.append("\nFix them and push again: invalid specs never reach AWS, and this commit would not be deployed.\n\n");
    }

    private static void environment(StringBuilder out, EnvironmentSection section, Level level) {
        Plan plan = section.plan();
        out.append("### ").append(MarkdownText.code(plan.environment())).append(": ")
                .append(PlanSummary.counts(plan)).append("\n\n");
        if (level != Level.COUNTS) {
            MarkdownPlanRenderer.table(out, plan);
            if (level == Level.FULL) {
                for (ServicePlan s : plan.services()) {
                    if (MarkdownPlanRenderer.hasDetails(s)) MarkdownPlanRenderer.details(out, s);
                }
            }
        }
        MarkdownPlanRenderer.problems(out, plan);
        out.append("**What happens on merge:** ").append(onMerge(section)).append("\n\n");
    }

    static String onMerge(EnvironmentSection section) {
        Plan plan = section.plan();
        String interval = Durations.format(section.sync().interval());
        if (plan.hasProblems()) {
            return "the services with problems are not deployed until the problems above are fixed;"
                    + (section.sync().mode() == SyncMode.AUTO_APPLY ? " the rest deploys within one poll interval (" + interval + ")."
                    : " the rest waits for a person to apply it (sync policy `plan-only`).");
        }
        if (plan.inSync()) return "nothing to deploy; the environment already matches these specs.";
        String when = section.sync().mode() == SyncMode.AUTO_APPLY
                ? "sync policy `auto-apply`: the agent deploys this within one poll interval (" + interval + ") of the merge"
                + howItDeploys(section) + "."
                : "sync policy `plan-only`: the agent plans the merged commit and waits for a person to apply it.";
        return when + engines(plan);
    }

    /**
     * What AWS's own engines do with a merge, for the services they deploy: they move the traffic,
     * Turnout follows, verifies and stops them, and a revert within the bake time is instant.
     */
    private static String engines(Plan plan) {
        List<String> names = plan.services().stream().filter(s -> s.kind().deploys())
                .filter(s -> s.trafficMode().startsWith("ecs") || s.trafficMode().equals("codeDeploy"))
                .map(s -> MarkdownText.code(s.service())).toList();
        if (names.isEmpty()) return "";
        return " For " + String.join(", ", names) + ", AWS's own engine (ECS or CodeDeploy) moves the traffic: Turnout"
                + " follows it stage by stage, verifies through the test route and stops it with rollback if a check fails;"
                + " reverting the merge while the engine still keeps the previous revision (its bake time) rolls back at once.";
    }

    /**
     * {@code ; the 3 services deploy side by side (at most 10 at once), each verified on its own: one that fails
     * is rolled back alone and the others carry on; `web` waits for `api`}: what the outcome will say per service.
     */
    static String howItDeploys(EnvironmentSection section) {
        List<ServicePlan> deploying = section.plan().services().stream().filter(s -> !s.steps().isEmpty()).toList();
        String failing = section.deployment().autoRollback() ? "rolled back" : "left as it is for a person (`autoRollback` is off)";
        if (deploying.size() == 1) return "; if it fails to verify, it is " + failing;
        StringBuilder s = new StringBuilder("; the ").append(deploying.size()).append(" services deploy side by side (at most ")
                .append(section.deployment().maxParallel()).append(" at once), each verified on its own: one that fails is ")
                .append(failing).append(section.deployment().autoRollback() ? " alone" : "").append(" and the others carry on");
        List<String> orders = deploying.stream().filter(d -> !PlanSummary.after(d).isEmpty())
                .map(d -> MarkdownText.code(d.service()) + " waits for " + PlanSummary.after(d).stream().map(MarkdownText::code)
                        .collect(Collectors.joining(" and "))).toList();
        if (!orders.isEmpty()) s.append(" (those after a service that fails are skipped); ").append(String.join(", ", orders));
        return s.toString();
    }
}
