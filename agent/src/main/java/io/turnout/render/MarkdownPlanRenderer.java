package io.turnout.render;

import io.turnout.diff.Change;
import io.turnout.plan.Plan;
import io.turnout.plan.PlanProblem;
import io.turnout.plan.ServicePlan;
import java.util.List;

/**
 * The plan as a pull-request comment: a summary table (service, change kind, traffic mode,
 * image before → after), then per service with something to show a collapsed
 * {@code <details>} block holding a {@code diff} code block and the numbered steps.
 */
public final class MarkdownPlanRenderer implements PlanRenderer {

    @Override
    public String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        out.append("### Turnout plan for `").append(plan.environment()).append("`\n\n");
        plan.commit().ifPresent(c -> out.append("Commit `").append(c).append("`. "));
        out.append(capitalise(PlanSummary.counts(plan))).append(".\n\n");
        if (!plan.services().isEmpty()) {
            out.append("| Service | Change | Traffic | Image |\n| --- | --- | --- | --- |\n");
            for (ServicePlan s : plan.services()) {
                out.append("| `").append(s.service()).append("` | ").append(s.kind().label()).append(" | ")
                        .append(s.trafficMode()).append(" | ")
                        .append(cell(PlanSummary.image(s, "`").orElse(""))).append(" |\n");
            }
            out.append("\n");
        }
        for (ServicePlan s : plan.services()) {
            if (s.changes().isEmpty() && s.steps().isEmpty() && s.notes().isEmpty()) continue;
            details(out, s);
        }
        if (plan.hasProblems()) {
            out.append("**Problems** (nothing is planned for these services):\n\n");
            for (PlanProblem p : plan.problems()) {
                if (p.environmentWide()) {
                    out.append("- ").append(p.message()).append("\n");
                } else {
                    out.append("- `").append(p.service()).append("`: ").append(p.message()).append("\n");
                }
            }
            out.append("\n");
        }
        return out.toString();
    }

    private static void details(StringBuilder out, ServicePlan s) {
        out.append("<details>\n<summary><code>").append(s.service()).append("</code>: ").append(s.kind().label())
                .append(", ").append(count(s.changes().size(), "change")).append(", ")
                .append(count(s.steps().size(), "step")).append("</summary>\n\n");
        if (!s.changes().isEmpty()) {
            out.append("```diff\n");
            for (Change change : s.changes()) {
                for (DiffLines.Line line : DiffLines.of(change)) {
                    // diff syntax colours lines by their first character; headers start with ~ or +/-
                    out.append(line.kind() == DiffLines.Kind.HEADER ? "# " : "").append(fence(line.text())).append("\n");
                }
            }
            out.append("```\n\n");
        }
        List<io.turnout.plan.Step> steps = s.steps();
        for (int i = 0; i < steps.size(); i++) {
            out.append(i + 1).append(". ").append(steps.get(i).describe()).append("\n");
        }
        if (!steps.isEmpty()) out.append("\n");
        for (String note : s.notes()) out.append("> ").append(note).append("\n");
        if (!s.notes().isEmpty()) out.append("\n");
        out.append("</details>\n\n");
    }

    private static String count(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /** A value that contains a code fence would end the block early. */
    private static String fence(String text) {
        return text.replace("```", "`\u200B``");
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
