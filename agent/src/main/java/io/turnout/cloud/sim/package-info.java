/**
 * The simulated cloud: an in-memory AWS (ECS, ELBv2, Route 53, Cloud Map, Application Auto
 * Scaling) behind the same {@link io.turnout.cloud.CloudGateway} as the real one, so plans,
 * deployments and failure handling can run and be tested without an AWS account.
 *
 * <p>It owns: the partitions of (account, region) ({@link io.turnout.cloud.sim.SimRegion}),
 * AWS's error codes and defaults, time-driven behaviour (tasks start, targets turn healthy,
 * deployments complete, Route 53 changes sync — advanced lazily from an injectable
 * {@link java.time.InstantSource}, nothing sleeps), fault injection
 * ({@link io.turnout.cloud.sim.SimulatedFaults}) and the world file that seeds and saves it
 * ({@link io.turnout.cloud.sim.WorldFile}). Ids and ARNs are derived from names and counters,
 * so the same calls give the same answers on every run.
 */
package io.turnout.cloud.sim;
