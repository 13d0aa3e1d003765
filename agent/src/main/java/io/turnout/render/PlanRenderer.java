package io.turnout.render;

import io.turnout.plan.Plan;

/** Turns a plan into text. Deterministic: the same plan gives the same string. */
public interface PlanRenderer {
    String render(Plan plan);
}
