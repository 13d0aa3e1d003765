package io.turnout.render;

import io.turnout.diff.Change;
import io.turnout.plan.Plan;
import io.turnout.plan.PlanProblem;
import io.turnout.plan.ServicePlan;
import io.turnout.plan.Step;
import io.turnout.spec.DisplayText;
import java.util.List;

/**
 * The plan for a terminal: per service a header, the field-level diff ({@code - before} /
 * {@code + after}), the numbered steps and notes; then problems; then one summary line.
 * With {@code colour}, removed values are red, added ones green and changed paths yellow
 * (ANSI escapes); without it the output is plain ASCII-art text, as golden files hold it.
 */
public final class TextPlanRenderer implements PlanRenderer {
    private static final String RED = "\u001B[31m";
    private static final String GREEN = "\u001B[32m";
    private static final String YELLOW = "\u001B[33m";
    private static final String BOLD = "\u001B[1m";
    private static final String RESET = "\u001B[0m";

    private final boolean colour;

    public TextPlanRenderer(boolean colour) {
        this.colour = colour;
    }

    @Override
    public String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        out.append(paint(BOLD, "Plan for " + shown(plan.environment())
                + plan.commit().map(c -> " at commit " + shown(c)).orElse(""))).append("\n");
        for (ServicePlan service : plan.services()) {
            out.append("\n");
            service(out, service);
        }
        if (plan.hasProblems()) {
            out.append("\n").append(paint(RED, "Problems:")).append("\n");
            for (PlanProblem problem : plan.problems()) {
                out.append("  ").append(paint(RED, "! ")).append(shown(problem.describe())).append("\n");
            }
        }
        out.append("\n").append(shown(PlanSummary.line(plan))).append("\n");
        return out.toString();
    }

    private void service(StringBuilder out, ServicePlan service) {
        out.append(paint(BOLD, shown(service.service()))).append(": ").append(service.kind().label());
        // "rolling (rolling)" says nothing twice
        if (!service.kind().label().equals(service.trafficMode())) out.append(" (").append(service.trafficMode()).append(")");
        PlanSummary.image(service, "").ifPresent(image -> out.append(", image ").append(shown(image)));
        out.append("\n");
        for (Change change : service.changes()) {
            for (DiffLines.Line line : DiffLines.of(change)) {
                String text = switch (line.kind()) {
                    case HEADER -> paint(YELLOW, shown(line.text()));
                    case BEFORE -> paint(RED, shown(line.text()));
                    case AFTER -> paint(GREEN, shown(line.text()));
                };
                out.append(line.kind() == DiffLines.Kind.HEADER ? "  " : "      ").append(text).append("\n");
            }
        }
        List<Step> steps = service.steps();
        if (!steps.isEmpty()) {
            out.append("  Steps:\n");
            for (int i = 0; i < steps.size(); i++) {
                out.append(String.format("  %3d. ", i + 1)).append(shown(steps.get(i).describe())).append("\n");
            }
        }
        for (String note : service.notes()) out.append("  Note: ").append(shown(note)).append("\n");
    }

    /**
     * A value from a spec or from AWS, with its control characters escaped: an escape sequence
     * in an image name or an environment variable must not recolour or rewrite the terminal,
     * and a newline in it must not forge a line of the plan. Turnout's own colours are added after.
     */
    private static String shown(String text) {
        return DisplayText.escape(text);
    }

    private String paint(String code, String text) {
        return colour ? code + text + RESET : text;
    }
}
