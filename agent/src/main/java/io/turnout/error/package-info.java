/**
 * How failures are reported to people: {@link io.turnout.error.TurnoutException}, a message that
 * says what went wrong and a next step that says what to do, the base of every failure Turnout
 * expects (cloud, Git, code host, a deployment step, a mistake on the command line). Anything
 * else that escapes is a bug, and the command line says so.
 */
package io.turnout.error;
