/**
 * Benchmark plumbing shared by the bench sections: the timing harness (warm-up, then the median
 * of repeated samples, {@code System.nanoTime} only here and never in the engine) and the
 * benchmark dataset (the last 5000 candles of the shared Coinbase BTC-USD 1h series, or the
 * shipped synthetic series when {@code ../shared} is absent).
 */
package io.hypertrader.bench.harness;
