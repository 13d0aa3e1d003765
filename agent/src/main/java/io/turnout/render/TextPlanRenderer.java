package io.turnout.render;

import io.turnout.diff.Change;
import io.turnout.plan.Plan;
import io.turnout.plan.PlanProblem;
import io.turnout.plan.ServicePlan;
import io.turnout.plan.Step;
import io.turnout.text.TerminalText;
import java.util.List;

/**
 * The plan for a terminal: per service a header, the field-level diff ({@code - before} /
 * {@code + after}), the numbered steps and notes; then problems; then one summary line.
 * With {@code colour}, removed values are red, added ones green and changed paths yellow
 * (ANSI escapes); without it the output is plain ASCII-art text, as golden files hold it. Every
 * line is made of values that may come from specs or AWS, so each is escaped
 * ({@link TerminalText}) before Turnout adds its own colours: a value's {@code \e[31m} shows as text.
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
        out.append(paint(BOLD, "Plan for " + plan.environment()
                + plan.commit().map(c -> " at commit " + c).orElse(""))).append("\n");
        for (ServicePlan service : plan.services()) {
            out.append("\n");
            service(out, service);
        }
        if (plan.hasProblems()) {
            out.append("\n").append(paint(RED, "Problems:")).append("\n");
            for (PlanProblem problem : plan.problems()) {
                out.append("  ").append(paint(RED, "! ")).append(safe(problem.describe())).append("\n");
            }
        }
        out.append("\n").append(safe(PlanSummary.line(plan))).append("\n");
        return out.toString();
    }

    private void service(StringBuilder out, ServicePlan service) {
        out.append(paint(BOLD, service.service())).append(": ").append(service.kind().label());
        // "rolling (rolling)" says nothing twice
        if (!service.kind().label().equals(service.trafficMode())) out.append(" (").append(safe(service.trafficMode())).append(")");
        PlanSummary.image(service, "").ifPresent(image -> out.append(", image ").append(safe(image)));
        out.append("\n");
        for (Change change : service.changes()) {
            for (DiffLines.Line line : DiffLines.of(change)) {
                String text = switch (line.kind()) {
                    case HEADER -> paint(YELLOW, line.text());
                    case BEFORE -> paint(RED, line.text());
                    case AFTER -> paint(GREEN, line.text());
                };
                out.append(line.kind() == DiffLines.Kind.HEADER ? "  " : "      ").append(text).append("\n");
            }
        }
        List<String> after = PlanSummary.after(service);
        if (!after.isEmpty()) out.append("  After: ").append(String.join(", ", after)).append(" (dependsOn)\n");
        List<Step> steps = service.steps();
        if (!steps.isEmpty()) {
            out.append("  Steps:\n");
            for (int i = 0; i < steps.size(); i++) {
                out.append(String.format("  %3d. ", i + 1)).append(safe(steps.get(i).describe())).append("\n");
            }
        }
        for (String note : service.notes()) out.append("  Note: ").append(safe(note)).append("\n");
    }

    /** {@code text}, escaped, in the colour {@code code} when colours are on. */
    private String paint(String code, String text) {
        return colour ? code + safe(text) + RESET : safe(text);
    }

    private static String safe(String text) {
        return TerminalText.escape(text);
    }
}
