/**
 * The agent as a Micronaut application: typed configuration ({@code turnout.agent.*} from
 * {@code application.yml}, environment variables such as {@code TURNOUT_AGENT_DATA_DIR}, or the
 * {@code turnout agent} command line), the beans of the reconcile core and the scheduler
 * ({@link io.turnout.status.AgentStatus} and {@link io.turnout.status.SyncTrigger} for the HTTP
 * API), and starting and stopping the scheduler with the application.
 */
package io.turnout.agent.runtime;
