package io.turnout.apply;

import io.turnout.plan.PlanKind;
import io.turnout.plan.Step;

/** One step of a plan in execution order: its index over the whole plan, its service and that service's plan kind. */
record PlannedStep(int index, String service, PlanKind kind, Step step) {}
