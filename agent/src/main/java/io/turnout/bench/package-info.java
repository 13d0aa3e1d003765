/**
 * Benchmarks Turnout ships for its own claims: {@link io.turnout.bench.CallBenchmark} counts the
 * AWS calls a no-op reconcile of a large synthetic environment ({@link io.turnout.bench.SyntheticEstate})
 * makes against the simulated cloud, next to the minimum AWS's APIs allow. Counts, not timings:
 * the same input gives the same numbers on every machine.
 */
package io.turnout.bench;
