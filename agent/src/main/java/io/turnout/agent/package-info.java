/**
 * The GitOps agent ({@code turnout agent}) as a running application, the top of the package
 * graph: its Micronaut wiring and configuration ({@link io.turnout.agent.runtime}) and its HTTP
 * surface ({@link io.turnout.agent.http}). Everything they show comes from the read model in
 * {@link io.turnout.status}; everything they start is the reconcile core ({@link io.turnout.reconcile})
 * on the scheduler ({@link io.turnout.schedule}). Micronaut is used here and nowhere else.
 */
package io.turnout.agent;
