package io.turnout.apply;

import io.turnout.plan.Step;
import tools.jackson.databind.node.ObjectNode;

/**
 * Carries out one kind of step. Contract: idempotent — running a step again after it ran,
 * or after it was interrupted half-way, leaves AWS as one run would — because a resumed
 * deployment re-runs the step that was interrupted. Returns what later steps (or a resumed
 * process) need to know, journaled with the step's end; empty when nothing.
 */
interface StepRunner<S extends Step> {
    ObjectNode run(S step, StepContext context);

    static ObjectNode nothing() {
        return JournalJson.NODES.objectNode();
    }
}
