package io.hypertrader.bench.harness;

import java.util.Arrays;

/**
 * Timing of one benchmark case: per-operation times in nanoseconds over the samples taken after
 * warm-up. The median is the figure reported; min and max show the spread.
 *
 * @param samples     number of samples
 * @param batch       operations per sample (per thread)
 * @param threads     threads running at once (1 = single-threaded)
 * @param medianNanos median time per operation, ns (for {@code threads > 1}: wall time divided by
 *                    all operations of all threads)
 * @param minNanos    fastest sample, ns per operation
 * @param maxNanos    slowest sample, ns per operation
 */
public record Measurement(int samples, int batch, int threads, double medianNanos, double minNanos, double maxNanos) {

    public Measurement {
        if (samples < 1 || batch < 1 || threads < 1) {
            throw new IllegalArgumentException("samples, batch and threads must be >= 1");
        }
        if (!(minNanos >= 0) || minNanos > medianNanos || medianNanos > maxNanos) {
            throw new IllegalArgumentException("need 0 <= min <= median <= max, got " + minNanos + ", "
                    + medianNanos + ", " + maxNanos);
        }
    }

    /** Builds a measurement from per-operation sample times (ns). */
    public static Measurement of(double[] perOpNanos, int batch, int threads) {
        double[] s = perOpNanos.clone();
        Arrays.sort(s);
        return new Measurement(s.length, batch, threads, median(s), s[0], s[s.length - 1]);
    }

    /** Median of sorted values (mean of the middle two for an even count). */
    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public double medianMicros() {
        return medianNanos / 1e3;
    }

    public double medianMillis() {
        return medianNanos / 1e6;
    }

    /** Operations per second at the median. */
    public double perSecond() {
        return 1e9 / medianNanos;
    }
}
