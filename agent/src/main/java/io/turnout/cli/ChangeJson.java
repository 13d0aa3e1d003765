package io.turnout.cli;

import io.turnout.plan.PlanJson;
import io.turnout.render.JsonPlanRenderer;
import io.turnout.render.PlanComment;
import io.turnout.spec.SpecProblem;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A change plan as JSON ({@code schemaVersion: 1}): {@code {schemaVersion, source: {ref,
 * commit, base, path}, succeeded, status, environments: [plan as JsonPlanRenderer writes it],
 * specProblems: [{file, line, column, pointer, message, fix}], notes}}.
 */
final class ChangeJson {
    private ChangeJson() {}

    static String render(PlanComment comment) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        root.put("schemaVersion", JsonPlanRenderer.SCHEMA_VERSION);
        ObjectNode source = root.putObject("source");
        source.put("ref", comment.source().ref());
        comment.source().commit().ifPresent(c -> source.put("commit", c));
        comment.source().base().ifPresent(b -> source.put("base", b));
        source.put("path", comment.source().specPath());
        root.put("succeeded", comment.succeeded());
        root.put("status", comment.statusLine());
        ArrayNode environments = root.putArray("environments");
        JsonPlanRenderer plans = new JsonPlanRenderer();
        comment.environments().forEach(e -> environments.add(plans.tree(e.plan())));
        ArrayNode problems = root.putArray("specProblems");
        for (SpecProblem p : comment.specProblems()) {
            problems.addObject().put("file", p.location().file()).put("line", p.location().line())
                    .put("column", p.location().column()).put("pointer", p.pointer()).put("message", p.message())
                    .put("fix", p.fix() == null ? "" : p.fix());
        }
        ArrayNode notes = root.putArray("notes");
        comment.notes().forEach(notes::add);
        return PlanJson.MAPPER.writeValueAsString(root) + "\n";
    }
}
