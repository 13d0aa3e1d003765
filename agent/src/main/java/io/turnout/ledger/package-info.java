/**
 * The ledger: what the agent shows about each environment, kept from the deployment events
 * ({@link io.turnout.ledger.EnvironmentLedger}, one per environment, subscribed through the
 * {@link io.turnout.ledger.StatusBoard}) and from the history in the state store. The status
 * board is the {@link io.turnout.status.AgentStatus} the HTTP API and the status page read.
 */
package io.turnout.ledger;
