package io.turnout.render;

import io.turnout.diff.Change;
import io.turnout.plan.Plan;
import io.turnout.plan.PlanJson;
import io.turnout.plan.PlanProblem;
import io.turnout.plan.ServicePlan;
import io.turnout.plan.Step;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plan as pretty-printed JSON for tools, with {@code "schemaVersion": 1}. Field order is
 * fixed (plan and service fields as documented here, step fields alphabetical after
 * {@code type} and {@code description}), so the output is stable byte for byte.
 *
 * <p>Shape: {@code {schemaVersion, environment, commit, inSync, stepCount, summary,
 * services: [{service, kind, trafficMode, imageBefore, imageAfter, changes: [{path, type,
 * before, after}], dependsOn: [service…], steps: [{type, description, …}], notes}], problems:
 * [{service, message}]}} ({@code dependsOn} only for a service with steps that depends on others).
 * ({@code service} left out for a problem of the whole environment).
 * Absent values ({@code commit}, images, a change's missing side) are left out.
 */
public final class JsonPlanRenderer implements PlanRenderer {
    public static final int SCHEMA_VERSION = 1;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public String render(Plan plan) {
        return PlanJson.MAPPER.writeValueAsString(tree(plan)) + "\n";
    }

    /** The JSON document, for callers that embed it. */
    public JsonNode tree(Plan plan) {
        ObjectNode root = NODES.objectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("environment", plan.environment());
        plan.commit().ifPresent(c -> root.put("commit", c));
        root.put("inSync", plan.inSync());
        root.put("stepCount", plan.stepCount());
        root.put("summary", PlanSummary.line(plan));
        ArrayNode services = root.putArray("services");
        for (ServicePlan s : plan.services()) services.add(service(s));
        ArrayNode problems = root.putArray("problems");
        for (PlanProblem p : plan.problems()) {
            ObjectNode problem = problems.addObject();
            // a problem of the whole environment (missing cluster, load balancer …) has no service
            if (!p.environmentWide()) problem.put("service", p.service());
            problem.put("message", p.message());
        }
        return root;
    }

    private static ObjectNode service(ServicePlan s) {
        ObjectNode node = NODES.objectNode();
        node.put("service", s.service());
        node.put("kind", s.kind().name());
        node.put("trafficMode", s.trafficMode());
        s.imageBefore().ifPresent(i -> node.put("imageBefore", i));
        s.imageAfter().ifPresent(i -> node.put("imageAfter", i));
        ArrayNode changes = node.putArray("changes");
        for (Change c : s.changes()) {
            ObjectNode change = changes.addObject();
            change.put("path", c.path());
            change.put("type", c.type().name());
            if (!c.before().isMissingNode()) change.set("before", c.before());
            if (!c.after().isMissingNode()) change.set("after", c.after());
        }
        List<String> after = PlanSummary.after(s);
        if (!after.isEmpty()) after.forEach(node.putArray("dependsOn")::add);
        ArrayNode steps = node.putArray("steps");
        for (Step step : s.steps()) steps.add(step(step));
        ArrayNode notes = node.putArray("notes");
        s.notes().forEach(notes::add);
        return node;
    }

    private static ObjectNode step(Step step) {
        ObjectNode node = NODES.objectNode();
        node.put("type", step.getClass().getSimpleName());
        node.put("description", step.describe());
        for (Map.Entry<String, JsonNode> e : PlanJson.tree(step).properties()) node.set(e.getKey(), e.getValue());
        return node;
    }
}
