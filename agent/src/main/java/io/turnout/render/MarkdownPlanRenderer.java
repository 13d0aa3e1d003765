package io.turnout.render;

import io.turnout.diff.Change;
import io.turnout.plan.Plan;
import io.turnout.plan.PlanProblem;
import io.turnout.plan.ServicePlan;
import io.turnout.plan.Step;
import io.turnout.text.MarkdownText;
import java.util.List;

/**
 * The plan of one environment in Markdown: a summary table (service, change kind, traffic mode,
 * image before → after), then per service with something to show a collapsed
 * {@code <details>} block holding a {@code diff} code block and the numbered steps. Every
 * value is escaped ({@link MarkdownText}). {@link PlanCommentRenderer} builds the pull-request
 * comment of several environments from the same pieces.
 */
public final class MarkdownPlanRenderer implements PlanRenderer {

    @Override
    public String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        out.append("### Turnout plan for ").append(MarkdownText.code(plan.environment())).append("\n\n");
        plan.commit().ifPresent(c -> out.append("Commit ").append(MarkdownText.code(c)).append(". "));
        out.append(capitalise(PlanSummary.counts(plan))).append(".\n\n");
        table(out, plan);
        for (ServicePlan s : plan.services()) {
            if (hasDetails(s)) details(out, s);
        }
        problems(out, plan);
        return out.toString();
    }

    /** The summary table, one row per service; nothing when the plan has no services. */
    static void table(StringBuilder out, Plan plan) {
        if (plan.services().isEmpty()) return;
        out.append("| Service | Change | Traffic | Image |\n| --- | --- | --- | --- |\n");
        for (ServicePlan s : plan.services()) {
            out.append("| ").append(MarkdownText.code(s.service())).append(" | ").append(s.kind().label()).append(" | ")
                    .append(MarkdownText.text(s.trafficMode())).append(" | ").append(image(s)).append(" |\n");
        }
        out.append("\n");
    }

    static boolean hasDetails(ServicePlan s) {
        return !s.changes().isEmpty() || !s.steps().isEmpty() || !s.notes().isEmpty();
    }

    /** One service's collapsed block: the field-level diff, the numbered steps, the notes. */
    static void details(StringBuilder out, ServicePlan s) {
        out.append("<details>\n<summary><code>").append(MarkdownText.html(s.service())).append("</code>: ")
                .append(s.kind().label()).append(", ").append(count(s.changes().size(), "change")).append(", ")
                .append(count(s.steps().size(), "step")).append("</summary>\n\n");
        List<String> after = PlanSummary.after(s);
        if (!after.isEmpty()) {
            out.append("Deployed after ").append(String.join(", ", after.stream().map(MarkdownText::code).toList()))
                    .append(" (`dependsOn`).\n\n");
        }
        if (!s.changes().isEmpty()) {
            out.append("```diff\n");
            for (Change change : s.changes()) {
                for (DiffLines.Line line : DiffLines.of(change)) {
                    // diff syntax colours lines by their first character; headers start with ~ or +/-
                    out.append(line.kind() == DiffLines.Kind.HEADER ? "# " : "").append(MarkdownText.fenced(line.text())).append("\n");
                }
            }
            out.append("```\n\n");
        }
        List<Step> steps = s.steps();
        for (int i = 0; i < steps.size(); i++) {
            out.append(i + 1).append(". ").append(MarkdownText.text(steps.get(i).describe())).append("\n");
        }
        if (!steps.isEmpty()) out.append("\n");
        for (String note : s.notes()) out.append("> ").append(MarkdownText.text(note)).append("\n");
        if (!s.notes().isEmpty()) out.append("\n");
        out.append("</details>\n\n");
    }

    /** The plan's problems as a list; nothing when there are none. */
    static void problems(StringBuilder out, Plan plan) {
        if (!plan.hasProblems()) return;
        out.append("**Problems** (nothing is planned for these services):\n\n");
        for (PlanProblem p : plan.problems()) {
            out.append("- ");
            if (!p.environmentWide()) out.append(MarkdownText.code(p.service())).append(": ");
            out.append(MarkdownText.text(p.message())).append("\n");
        }
        out.append("\n");
    }

    /** {@code `a` → `b`}, one image when unchanged, empty when none is known. */
    static String image(ServicePlan s) {
        if (s.imageBefore().isPresent() && s.imageAfter().isPresent() && !s.imageBefore().equals(s.imageAfter())) {
            return MarkdownText.code(s.imageBefore().get()) + " → " + MarkdownText.code(s.imageAfter().get());
        }
        return s.imageBefore().or(s::imageAfter).map(MarkdownText::code).orElse("");
    }

    static String count(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
