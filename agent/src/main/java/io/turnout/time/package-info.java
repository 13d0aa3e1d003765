/**
 * Time as Turnout's code waits on it: the one {@link io.turnout.time.Sleeper} interface that the
 * executor, the live-state reader's budgets and the code-host client wait through. Clocks are
 * {@link java.time.InstantSource}s; the simulated cloud's virtual clock lives with the simulator.
 */
package io.turnout.time;
