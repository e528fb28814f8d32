/**
 * Benchmarks printed by {@code hypertrader bench}: small {@link io.hypertrader.bench.BenchSection}s,
 * each measuring medians over repetitions after warm-up, registered in
 * {@link io.hypertrader.bench.Benchmarks}. Performance targets live here, never in unit tests.
 */
package io.hypertrader.bench;
