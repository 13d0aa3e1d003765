/**
 * The agent's log as a subscriber of the deployment events ({@link io.turnout.eventlog.EventLog}):
 * one line per commit outcome, one when an environment's problem starts and one when it clears.
 * Next to the ledger and the metrics, which subscribe to the same stream.
 */
package io.turnout.eventlog;
