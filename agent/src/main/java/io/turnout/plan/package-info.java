/**
 * The plan: for one environment, what differs between the specs and AWS
 * ({@link io.turnout.diff.Change}s per service) and the ordered {@link io.turnout.plan.Step}s
 * that make AWS match, in the vocabulary of DESIGN.md (register, update the GREEN slot,
 * await, verify, swap, retag, move auto scaling, downsize). The {@link io.turnout.plan.Planner}
 * builds it purely from an environment spec, the effective services and the live state: the
 * same input gives the same plan, byte for byte once rendered. Steps carry every name, port
 * and ARN the executor needs, so executing a plan needs no second look at the specs.
 */
package io.turnout.plan;
