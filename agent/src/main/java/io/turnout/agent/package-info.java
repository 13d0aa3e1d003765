/**
 * The GitOps agent ({@code turnout agent}): polls spec repositories on a schedule, validates,
 * plans and (per the environment's sync policy) applies each new commit, records every
 * commit's outcome, and marks committed state with Git tags. This package holds the contract
 * between the reconcile core and its HTTP surface: the read model ({@link io.turnout.agent.AgentStatus})
 * and the ways to ask for a poll ({@link io.turnout.agent.SyncTrigger}).
 */
package io.turnout.agent;
