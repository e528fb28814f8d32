package io.hypertrader.bench;

/** How hard to measure: untimed warm-up runs, then timed repetitions (the median is reported). */
public record BenchOptions(int warmup, int repetitions) {
    public BenchOptions {
        if (warmup < 0 || repetitions < 1) {
            throw new IllegalArgumentException("warmup must be >= 0 and repetitions >= 1");
        }
    }

    public static BenchOptions defaults() {
        return new BenchOptions(5, 21);
    }
}
