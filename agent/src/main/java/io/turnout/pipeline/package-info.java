/**
 * One pipeline for the command line and the agent: the one place a cloud is opened for an
 * environment ({@link io.turnout.pipeline.CloudOpener}: AWS or the simulated cloud), the one
 * planning step — spec tree + environment + cloud → live state → plan
 * ({@link io.turnout.pipeline.PlanningStep}) — and the one way plans are carried out, journaled in
 * the state store and published as deployment events ({@link io.turnout.pipeline.Deployments}).
 */
package io.turnout.pipeline;
