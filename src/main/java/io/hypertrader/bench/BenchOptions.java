package io.hypertrader.bench;

/**
 * How hard to measure. I/O sections run {@code warmup} untimed runs, then {@code repetitions}
 * timed ones. In-memory sections (microseconds per operation, JIT-sensitive) warm up for
 * {@code warmup} x 0.4 s and take {@code repetitions} samples of batched runs (see
 * {@code bench.harness.Timer}). {@code quick} marks a CI smoke run whose figures are indicative only.
 */
public record BenchOptions(int warmup, int repetitions, boolean quick) {
    public BenchOptions {
        if (warmup < 0 || repetitions < 1) {
            throw new IllegalArgumentException("warmup must be >= 0 and repetitions >= 1");
        }
    }

    public BenchOptions(int warmup, int repetitions) {
        this(warmup, repetitions, false);
    }

    public static BenchOptions defaults() {
        return new BenchOptions(5, 21);
    }

    /** The CI smoke run: one warm-up, five repetitions. */
    public static BenchOptions quickRun() {
        return new BenchOptions(1, 5, true);
    }
}
