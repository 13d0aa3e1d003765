/**
 * Benchmarks Turnout ships for its own claims, on a large synthetic environment
 * ({@link io.turnout.bench.SyntheticEstate}) in the simulated cloud:
 * {@link io.turnout.bench.CallBenchmark} counts the AWS calls of a no-op reconcile next to the
 * minimum AWS's APIs allow ({@link io.turnout.bench.AwsMinimum}); {@link io.turnout.bench.ScaleBenchmark}
 * adds timings (wall, CPU), a naive per-service reader side by side
 * ({@link io.turnout.bench.NaiveLiveStateReader}), a quiet Git poll, planning, validation of the
 * spec files ({@link io.turnout.bench.EstateFiles}) and heap, rendered by {@link io.turnout.bench.ScaleTable}.
 * Counts are the same on every machine; timings are not, and no test asserts one.
 */
package io.turnout.bench;
